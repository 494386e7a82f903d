using System.Security.Cryptography;
using System.Text;

namespace Lifeline.Simulator.Model;

/// <summary>IPMI v2.0 §6.8 privilege levels (Table 22-28 encoding).</summary>
public enum PrivilegeLevel : byte
{
    Callback = 1,
    User = 2,
    Operator = 3,
    Administrator = 4,
    Oem = 5,
    NoAccess = 0x0F,
}

/// <summary>
/// One user slot. Immutable: changes make a new instance, so nodes share the default table until one is edited.
/// Holds the password only for the RMCP+ session to compute its keys; <see cref="ToString"/> never shows it.
/// </summary>
public sealed class BmcUser
{
    /// <summary>IPMI v2.0 passwords are at most 20 bytes (16 for IPMI 1.5).</summary>
    public const int MaxPasswordBytes = 20;

    /// <summary>User names are at most 16 bytes.</summary>
    public const int MaxNameBytes = 16;

    private readonly byte[] _password;

    public BmcUser(byte id, string name, string password, PrivilegeLevel privilege, bool enabled)
        : this(id, name, Encoding.UTF8.GetBytes(password), privilege, enabled)
    {
    }

    private BmcUser(byte id, string name, byte[] password, PrivilegeLevel privilege, bool enabled)
    {
        if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            throw new ArgumentException($"User names are at most {MaxNameBytes} bytes.", nameof(name));
        }
        if (password.Length > MaxPasswordBytes)
        {
            throw new ArgumentException($"Passwords are at most {MaxPasswordBytes} bytes.", nameof(password));
        }
        Id = id;
        Name = name;
        _password = password;
        Privilege = privilege;
        Enabled = enabled;
    }

    public byte Id { get; }
    public string Name { get; }
    public PrivilegeLevel Privilege { get; }
    public bool Enabled { get; }

    /// <summary>The password bytes (the RAKP key K_UID is these, zero-padded to 20 bytes).</summary>
    public ReadOnlySpan<byte> Password => _password;

    public bool PasswordMatches(ReadOnlySpan<byte> candidate) =>
        CryptographicOperations.FixedTimeEquals(_password, candidate);

    public BmcUser WithName(string name) => new(Id, name, _password, Privilege, Enabled);

    public BmcUser WithPassword(string password) => new(Id, Name, Encoding.UTF8.GetBytes(password), Privilege, Enabled);

    public BmcUser WithPrivilege(PrivilegeLevel privilege) => new(Id, Name, _password, privilege, Enabled);

    public BmcUser WithEnabled(bool enabled) => new(Id, Name, _password, Privilege, enabled);

    public override string ToString() =>
        $"user {Id} '{Name}' {Privilege}{(Enabled ? "" : " (disabled)")}";
}
