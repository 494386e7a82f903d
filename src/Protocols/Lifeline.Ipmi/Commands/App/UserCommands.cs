using System.Text;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.App;

/// <summary>Encoding of the fixed 16-byte user name field (ASCII, NUL-padded; Latin-1 keeps odd bytes one to one).</summary>
internal static class UserNameField
{
    public const int Length = 16;

    public static byte[] Encode(string name)
    {
        var bytes = Encoding.Latin1.GetBytes(name);
        if (bytes.Length > Length)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"user name '{name}' is longer than {Length} bytes");
        }
        var field = new byte[Length];
        bytes.CopyTo(field, 0);
        return field;
    }

    public static string Decode(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? field : field[..end]);
    }
}

// IPMI v2.0 §22.29 Get User Name (NetFn App 06h, cmd 46h)
//
// request:
//   0  [5:0] user id
// response (after completion code):
//   0-15  user name, ASCII, NUL-padded
public sealed class GetUserName(byte userId) : IIpmiCommand<UserNameResponse>
{
    public byte UserId { get; } = (byte)(userId & 0x3F);

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x46;
    public string Name => "Get User Name";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(UserId);

    public UserNameResponse ReadResponse(ReadOnlySpan<byte> data) => UserNameResponse.Read(data);

    public static GetUserName Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new GetUserName((byte)(r.ReadByte() & 0x3F));
    }
}

public sealed record UserNameResponse(string UserName)
{
    public static UserNameResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new UserNameResponse(UserNameField.Decode(r.ReadBytes(UserNameField.Length)));
    }

    public void Write(IpmiWriter w) => w.Bytes(UserNameField.Encode(UserName));
}

// IPMI v2.0 §22.28 Set User Name (NetFn App 06h, cmd 45h)
//
// request:
//   0     [5:0] user id
//   1-16  user name, ASCII, NUL-padded
// response: completion code only
public sealed class SetUserName : IIpmiCommand<EmptyResponse>
{
    public SetUserName(byte userId, string userName)
    {
        UserId = (byte)(userId & 0x3F);
        UserName = userName;
        _field = UserNameField.Encode(userName);
    }

    private readonly byte[] _field;

    public byte UserId { get; }
    public string UserName { get; }

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x45;
    public string Name => "Set User Name";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(UserId).Bytes(_field);

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static SetUserName Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte id = (byte)(r.ReadByte() & 0x3F);
        return new SetUserName(id, UserNameField.Decode(r.ReadBytes(UserNameField.Length)));
    }
}

public enum UserPasswordOperation : byte
{
    DisableUser = 0x00,
    EnableUser = 0x01,
    SetPassword = 0x02,
    TestPassword = 0x03,
}

// IPMI v2.0 §22.30 Set User Password (NetFn App 06h, cmd 47h)
//
// request:
//   0  [7] password size: 1 = 20 bytes (IPMI v2.0), 0 = 16 bytes; [5:0] user id
//   1  [1:0] operation: 00b disable user, 01b enable user, 10b set password, 11b test password
//   2-17 / 2-21  password, NUL-padded (only for set and test)
// response: completion code only; 80h password test failed, 81h password test failed: wrong password size
public sealed class SetUserPassword : IIpmiCommand<EmptyResponse>
{
    private readonly byte[]? _password;

    private SetUserPassword(byte userId, UserPasswordOperation operation, byte[]? password, bool twentyBytes)
    {
        UserId = (byte)(userId & 0x3F);
        Operation = operation;
        TwentyBytePassword = twentyBytes;
        int size = twentyBytes ? 20 : 16;
        if (operation is UserPasswordOperation.SetPassword or UserPasswordOperation.TestPassword)
        {
            if (password is null || password.Length > size)
            {
                throw new IpmiException(IpmiError.InvalidRequest, $"a password must have at most {size} bytes");
            }
            _password = new byte[size];
            password.CopyTo(_password, 0);
        }
    }

    public static SetUserPassword Disable(byte userId) => new(userId, UserPasswordOperation.DisableUser, null, false);
    public static SetUserPassword Enable(byte userId) => new(userId, UserPasswordOperation.EnableUser, null, false);
    public static SetUserPassword Set(byte userId, ReadOnlySpan<byte> password, bool twentyBytes = false) =>
        new(userId, UserPasswordOperation.SetPassword, password.ToArray(), twentyBytes);
    public static SetUserPassword Test(byte userId, ReadOnlySpan<byte> password, bool twentyBytes = false) =>
        new(userId, UserPasswordOperation.TestPassword, password.ToArray(), twentyBytes);

    public byte UserId { get; }
    public UserPasswordOperation Operation { get; }
    public bool TwentyBytePassword { get; }

    /// <summary>The NUL-padded password field (set and test only). A secret: never log it.</summary>
    public ReadOnlySpan<byte> Password => _password;

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x47;
    public string Name => "Set User Password";

    public void WriteRequest(IpmiWriter writer)
    {
        writer.Byte((byte)((TwentyBytePassword ? 0x80 : 0) | UserId)).Byte((byte)Operation);
        if (_password is not null)
        {
            writer.Bytes(_password);
        }
    }

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static SetUserPassword Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte b0 = r.ReadByte();
        var op = (UserPasswordOperation)(r.ReadByte() & 0x03);
        bool twenty = (b0 & 0x80) != 0;
        byte[]? password = op is UserPasswordOperation.SetPassword or UserPasswordOperation.TestPassword
            ? r.ReadBytes(twenty ? 20 : 16).ToArray()
            : null;
        return new SetUserPassword((byte)(b0 & 0x3F), op, password, twenty);
    }

    public static string DescribeCompletionCode(CompletionCode code) => (byte)code switch
    {
        0x80 => "Password test failed: password does not match",
        0x81 => "Password test failed: wrong password size",
        _ => code.Describe(),
    };

    public override string ToString() => $"Set User Password (user {UserId}, {Operation})";
}

public enum UserIdEnableStatus : byte
{
    Unspecified = 0x00,
    Enabled = 0x01,
    Disabled = 0x02,
}

// IPMI v2.0 §22.27 Get User Access (NetFn App 06h, cmd 44h)
//
// request:
//   0  [3:0] channel number (Eh = this channel)
//   1  [5:0] user id
// response (after completion code):
//   0  [5:0] maximum number of user ids
//   1  [7:6] user id enable status (00b unspecified, 01b enabled, 10b disabled), [5:0] count of enabled user ids
//   2  [5:0] count of user ids with fixed names
//   3  [6] 1 = user restricted to callback, [5] link authentication enabled, [4] IPMI messaging enabled,
//      [3:0] privilege limit for this user on this channel (Fh = no access)
public sealed class GetUserAccess(byte channel, byte userId) : IIpmiCommand<UserAccessResponse>
{
    public byte Channel { get; } = (byte)(channel & 0x0F);
    public byte UserId { get; } = (byte)(userId & 0x3F);

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x44;
    public string Name => "Get User Access";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(Channel).Byte(UserId);

    public UserAccessResponse ReadResponse(ReadOnlySpan<byte> data) => UserAccessResponse.Read(data);

    public static GetUserAccess Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new GetUserAccess((byte)(r.ReadByte() & 0x0F), (byte)(r.ReadByte() & 0x3F));
    }
}

public sealed record UserAccessResponse(
    byte MaximumUserIds,
    UserIdEnableStatus EnableStatus,
    byte EnabledUserIds,
    byte FixedNameUserIds,
    bool CallbackOnly,
    bool LinkAuthenticationEnabled,
    bool IpmiMessagingEnabled,
    PrivilegeLevel PrivilegeLimit)
{
    public static UserAccessResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte max = (byte)(r.ReadByte() & 0x3F);
        byte b1 = r.ReadByte();
        byte fixedNames = (byte)(r.ReadByte() & 0x3F);
        byte b3 = r.ReadByte();
        return new UserAccessResponse(max, (UserIdEnableStatus)(b1 >> 6), (byte)(b1 & 0x3F), fixedNames,
            (b3 & 0x40) != 0, (b3 & 0x20) != 0, (b3 & 0x10) != 0, (PrivilegeLevel)(b3 & 0x0F));
    }

    public void Write(IpmiWriter w) =>
        w.Byte((byte)(MaximumUserIds & 0x3F))
         .Byte((byte)(((byte)EnableStatus << 6) | (EnabledUserIds & 0x3F)))
         .Byte((byte)(FixedNameUserIds & 0x3F))
         .Byte((byte)((CallbackOnly ? 0x40 : 0) | (LinkAuthenticationEnabled ? 0x20 : 0) | (IpmiMessagingEnabled ? 0x10 : 0)
             | ((byte)PrivilegeLimit & 0x0F)));
}

// IPMI v2.0 §22.26 Set User Access (NetFn App 06h, cmd 43h)
//
// request:
//   0  [7] 1 = change bits 6:4 of this byte, [6] user restricted to callback, [5] link authentication enable,
//      [4] IPMI messaging enable, [3:0] channel number
//   1  [5:0] user id
//   2  [3:0] user privilege limit (Fh = no access)
//   3  [3:0] user simultaneous session limit (optional; 0 = only the channel limit applies)
// response: completion code only
public sealed class SetUserAccess(
    byte channel,
    byte userId,
    PrivilegeLevel privilegeLimit,
    bool changeFlags = false,
    bool callbackOnly = false,
    bool linkAuthentication = false,
    bool ipmiMessaging = false,
    byte? sessionLimit = null) : IIpmiCommand<EmptyResponse>
{
    public byte Channel { get; } = (byte)(channel & 0x0F);
    public byte UserId { get; } = (byte)(userId & 0x3F);
    public PrivilegeLevel PrivilegeLimit { get; } = privilegeLimit;
    /// <summary>Bit 7: when false the BMC keeps callback/link/messaging as they are.</summary>
    public bool ChangeFlags { get; } = changeFlags;
    public bool CallbackOnly { get; } = callbackOnly;
    public bool LinkAuthentication { get; } = linkAuthentication;
    public bool IpmiMessaging { get; } = ipmiMessaging;
    public byte? SessionLimit { get; } = sessionLimit;

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x43;
    public string Name => "Set User Access";

    public void WriteRequest(IpmiWriter writer)
    {
        writer.Byte((byte)((ChangeFlags ? 0x80 : 0) | (CallbackOnly ? 0x40 : 0) | (LinkAuthentication ? 0x20 : 0)
                | (IpmiMessaging ? 0x10 : 0) | Channel))
              .Byte(UserId)
              .Byte((byte)((byte)PrivilegeLimit & 0x0F));
        if (SessionLimit is { } limit)
        {
            writer.Byte((byte)(limit & 0x0F));
        }
    }

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static SetUserAccess Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte b0 = r.ReadByte();
        byte user = (byte)(r.ReadByte() & 0x3F);
        var limit = (PrivilegeLevel)(r.ReadByte() & 0x0F);
        byte? sessions = r.ReadOptionalByte() is { } s ? (byte)(s & 0x0F) : null;
        return new SetUserAccess((byte)(b0 & 0x0F), user, limit, (b0 & 0x80) != 0, (b0 & 0x40) != 0, (b0 & 0x20) != 0,
            (b0 & 0x10) != 0, sessions);
    }
}
