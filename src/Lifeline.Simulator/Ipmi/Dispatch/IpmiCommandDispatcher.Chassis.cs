using Lifeline.Ipmi.Commands.Chassis;
using Lifeline.Ipmi.Messages;
using Lifeline.Simulator.Model;
using IpmiBootDevice = Lifeline.Ipmi.Commands.Chassis.BootDevice;
using IpmiBootFlags = Lifeline.Ipmi.Commands.Chassis.BootFlags;
using IpmiIdentifyState = Lifeline.Ipmi.Commands.Chassis.ChassisIdentifyState;
using IpmiLastPowerEvent = Lifeline.Ipmi.Commands.Chassis.LastPowerEvent;
using IpmiRestorePolicy = Lifeline.Ipmi.Commands.Chassis.PowerRestorePolicy;
using ModelBootDevice = Lifeline.Simulator.Model.BootDevice;
using ModelBootFlags = Lifeline.Simulator.Model.BootFlags;
using ModelChassisControl = Lifeline.Simulator.Model.ChassisControlCommand;
using SetBootOptionsRequest = Lifeline.Ipmi.Commands.Chassis.SetSystemBootOptions;

namespace Lifeline.Simulator.Ipmi.Dispatch;

// Chassis (NetFn 00h): power state machine, identify, restart cause, POH, boot options — all the model's.
public sealed partial class IpmiCommandDispatcher
{
    private static IEnumerable<Command> ChassisCommands() =>
    [
        new(NetFn.Chassis, 0x01, "Get Chassis Status", 0, 0, static (d, _, _) => d.GetChassisStatus()),
        new(NetFn.Chassis, 0x02, "Chassis Control", 1, 1, static (d, _, data) => d.ChassisControl(data)),
        new(NetFn.Chassis, 0x04, "Chassis Identify", 0, 2, static (d, _, data) => d.ChassisIdentify(data)),
        new(NetFn.Chassis, 0x07, "Get System Restart Cause", 0, 0,
            static (d, _, _) => Ok(new SystemRestartCauseResponse((RestartCause)(byte)d._model.RestartCause, d._options.LanChannel).Write)),
        new(NetFn.Chassis, 0x08, "Set System Boot Options", 1, 17, static (d, _, data) => d.SetSystemBootOptions(data)),
        new(NetFn.Chassis, 0x09, "Get System Boot Options", 3, 3, static (d, _, data) => d.GetSystemBootOptions(data)),
        new(NetFn.Chassis, 0x0F, "Get POH Counter", 0, 0,
            static (d, _, _) => Ok(new PohCounterResponse(1, (uint)Math.Clamp(d._model.PowerOnMinutes, 0, uint.MaxValue)).Write)),
    ];

    // §28.2 Get Chassis Status. A personality with OmitsFrontPanelByte leaves the optional byte 4 out.
    private IpmiResponse GetChassisStatus()
    {
        var s = _model.GetChassisStatus();
        FrontPanelButtons? panel = null;
        if ((_model.Vendor.Quirks & VendorQuirks.OmitsFrontPanelByte) == 0)
        {
            var p = (s.FrontPanel.PowerButtonDisabled ? FrontPanelButtons.PowerOffDisabled : 0)
                | (s.FrontPanel.ResetButtonDisabled ? FrontPanelButtons.ResetDisabled : 0)
                | (s.FrontPanel.DiagnosticInterruptButtonDisabled ? FrontPanelButtons.DiagnosticInterruptDisabled : 0)
                | (s.FrontPanel.StandbyButtonDisabled ? FrontPanelButtons.StandbyDisabled : 0);
            if (FrontPanelState.DisableAllowed)
            {
                p |= FrontPanelButtons.PowerOffDisableAllowed | FrontPanelButtons.ResetDisableAllowed
                    | FrontPanelButtons.DiagnosticInterruptDisableAllowed | FrontPanelButtons.StandbyDisableAllowed;
            }
            panel = p;
        }
        var response = new ChassisStatusResponse(s.PowerOn, s.PowerOverload, s.PowerInterlock, s.PowerFault, s.PowerControlFault,
            (IpmiRestorePolicy)(byte)s.RestorePolicy, (IpmiLastPowerEvent)(byte)s.LastPowerEvent, s.ChassisIntrusion,
            s.FrontPanelLockout, s.DriveFault, s.CoolingFault, (IpmiIdentifyState)(byte)s.Identify, panel);
        return Ok(response.Write);
    }

    // §28.3 Chassis Control: D5h for a power cycle, reset or diagnostic interrupt while main power is off.
    private IpmiResponse ChassisControl(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.Chassis.ChassisControl.Read(data);
        if ((byte)request.Action > (byte)ChassisControlAction.SoftShutdown)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        return _model.ChassisControl((ModelChassisControl)(byte)request.Action) == ChassisControlResult.Accepted
            ? Ok()
            : Fail(CompletionCode.NotSupportedInPresentState);
    }

    // §28.5 Chassis Identify: no byte = the default interval, 0 = off, byte 2 bit 0 = on until turned off.
    private IpmiResponse ChassisIdentify(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.Chassis.ChassisIdentify.Read(data);
        TimeSpan? interval = request.IntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        _model.ChassisIdentify(interval, request.Force);
        return Ok();
    }

    // §28.13 Get System Boot Options: parameters 0 (set in progress), 3 (valid bit clearing), 4 (boot info
    // acknowledge) and 5 (boot flags); 80h for the rest.
    private IpmiResponse GetSystemBootOptions(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.Chassis.GetSystemBootOptions.Read(data);
        byte[]? value = request.Parameter switch
        {
            BootOptionParameter.SetInProgress => [(byte)_model.BootOptionsSetState],
            BootOptionParameter.BmcBootFlagValidBitClearing => [(byte)_model.BootFlagValidBitClearing],
            BootOptionParameter.BootInfoAcknowledge => [0x00, (byte)_model.BootInfoAcknowledge],
            BootOptionParameter.BootFlags => ToIpmi(_model.BootFlags).ToArray(),
            _ => null,
        };
        return value is null
            ? Fail(SetBootOptionsRequest.ParameterNotSupported)
            : Ok(new SystemBootOptionsResponse(SystemBootOptionsResponse.CurrentVersion, request.Parameter, false, value).Write);
    }

    // §28.12 Set System Boot Options
    private IpmiResponse SetSystemBootOptions(ReadOnlySpan<byte> data)
    {
        var request = SetBootOptionsRequest.Read(data);
        var value = request.Data;
        int length = request.Parameter switch
        {
            BootOptionParameter.SetInProgress or BootOptionParameter.BmcBootFlagValidBitClearing => 1,
            BootOptionParameter.BootInfoAcknowledge => 2,
            BootOptionParameter.BootFlags => IpmiBootFlags.Length,
            _ => -1,
        };
        if (length < 0)
        {
            return Fail(SetBootOptionsRequest.ParameterNotSupported);
        }
        if (value.Length != length)
        {
            return Fail(CompletionCode.RequestDataLengthInvalid);
        }
        switch (request.Parameter)
        {
            case BootOptionParameter.SetInProgress:
                if ((value[0] & 0x03) == 0x03)
                {
                    return Fail(CompletionCode.InvalidDataField);
                }
                return _model.TrySetBootOptionsSetState((BootOptionsSetState)(value[0] & 0x03))
                    ? Ok()
                    : Fail(SetBootOptionsRequest.SetInProgressConflict);
            case BootOptionParameter.BmcBootFlagValidBitClearing:
                _model.BootFlagValidBitClearing = (BootFlagValidBitClearing)(value[0] & 0x1F);
                return Ok();
            case BootOptionParameter.BootInfoAcknowledge:
                _model.SetBootInfoAcknowledge((BootInfoAcknowledge)(value[0] & 0x1F), (BootInfoAcknowledge)(value[1] & 0x1F));
                return Ok();
            default:
                _model.BootFlags = ToModel(IpmiBootFlags.Read(value));
                return Ok();
        }
    }

    // Parameter 5 data 3: [7] lock out power button, [6:5] verbosity, [4] force progress event traps,
    // [3] bypass user password, [2] lock out sleep button, [1:0] console redirection; data 5 [4:0] device instance.
    private static IpmiBootFlags ToIpmi(ModelBootFlags f) => new(
        f.Valid, f.Persistent, f.Efi, (IpmiBootDevice)(byte)f.Device, f.ClearCmos, f.LockKeyboard, f.ScreenBlank, f.LockResetButton,
        Data3: (byte)((f.LockOutPowerButton ? 0x80 : 0) | (((byte)f.Verbosity & 0x03) << 5) | (f.ForceProgressEventTraps ? 0x10 : 0)
            | (f.BypassUserPassword ? 0x08 : 0) | (f.LockOutSleepButton ? 0x04 : 0) | ((byte)f.ConsoleRedirection & 0x03)),
        Data4: 0,
        Data5: (byte)(f.DeviceInstance & 0x1F));

    private static ModelBootFlags ToModel(IpmiBootFlags f) => new()
    {
        Valid = f.Valid,
        Persistent = f.Persistent,
        Efi = f.Efi,
        Device = (ModelBootDevice)(byte)f.Device,
        ClearCmos = f.ClearCmos,
        LockKeyboard = f.LockKeyboard,
        ScreenBlank = f.ScreenBlank,
        LockResetButton = f.LockOutResetButton,
        LockOutPowerButton = (f.Data3 & 0x80) != 0,
        Verbosity = (FirmwareVerbosity)((f.Data3 >> 5) & 0x03),
        ForceProgressEventTraps = (f.Data3 & 0x10) != 0,
        BypassUserPassword = (f.Data3 & 0x08) != 0,
        LockOutSleepButton = (f.Data3 & 0x04) != 0,
        ConsoleRedirection = (ConsoleRedirectionControl)(f.Data3 & 0x03),
        DeviceInstance = (byte)(f.Data5 & 0x1F),
    };
}
