using System.Text;

namespace Lifeline.Simulator.Model;

// IPMI v2.0 §22.26-22.30 user accounts. Slots 1-10; slot 1 is the null user. The table is shared with every
// node built from the same options until this node changes it (copy on write).
public sealed partial class BmcModel
{
    private BmcUser?[] _users;

    /// <summary>Occupied user slots in id order.</summary>
    public IReadOnlyList<BmcUser> Users
    {
        get
        {
            lock (_lock)
            {
                return _users.OfType<BmcUser>().ToArray();
            }
        }
    }

    public BmcUser? GetUser(byte id)
    {
        lock (_lock)
        {
            return id is >= 1 and <= MaxUsers ? _users[id] : null;
        }
    }

    /// <summary>The enabled user a session names (RAKP message 1); an empty name finds the null user if enabled.</summary>
    public BmcUser? FindUser(string name)
    {
        lock (_lock)
        {
            foreach (var user in _users)
            {
                if (user is { Enabled: true } && string.Equals(user.Name, name, StringComparison.Ordinal))
                {
                    return user;
                }
            }
            return null;
        }
    }

    /// <summary>Same as <see cref="FindUser(string)"/> for the raw name bytes of RAKP message 1.</summary>
    public BmcUser? FindUser(ReadOnlySpan<byte> name) => FindUser(Encoding.UTF8.GetString(name));

    /// <summary>§22.28 Set User Name / §22.30 Set User Password / Set User Access: replaces slot <paramref name="id"/>.</summary>
    public void SetUser(BmcUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfLessThan(user.Id, (byte)1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(user.Id, (byte)MaxUsers);
        lock (_lock)
        {
            if (ReferenceEquals(_users, _shared.Users))
            {
                _users = (BmcUser?[])_users.Clone();
            }
            _users[user.Id] = user;
        }
    }

    public void SetUserPassword(byte id, string password) => UpdateUser(id, u => u.WithPassword(password));

    public void SetUserName(byte id, string name) => UpdateUser(id, u => u.WithName(name));

    public void SetUserEnabled(byte id, bool enabled) => UpdateUser(id, u => u.WithEnabled(enabled));

    public void SetUserPrivilege(byte id, PrivilegeLevel privilege) => UpdateUser(id, u => u.WithPrivilege(privilege));

    private void UpdateUser(byte id, Func<BmcUser, BmcUser> change)
    {
        lock (_lock)
        {
            var user = GetUser(id) ?? new BmcUser(id, "", "", PrivilegeLevel.NoAccess, enabled: false);
            SetUser(change(user));
        }
    }
}
