using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sel;
using Lifeline.Simulator.Model;
using IpmiEventReadingType = Lifeline.Ipmi.Sensors.EventReadingType;
using IpmiSensorType = Lifeline.Ipmi.Sensors.SensorType;
using GetSelEntryRequest = Lifeline.Ipmi.Commands.Storage.GetSelEntry;

namespace Lifeline.Simulator.Ipmi.Dispatch;

// Storage (NetFn 0Ah), SEL device (§31): the model's event log, clock and reservations.
public sealed partial class IpmiCommandDispatcher
{
    private static IEnumerable<Command> SelCommands() =>
    [
        new(NetFn.Storage, 0x40, "Get SEL Info", 0, 0, static (d, _, _) => d.GetSelInfo()),
        new(NetFn.Storage, 0x42, "Reserve SEL", 0, 0, static (d, _, _) => Ok(new ReservationResponse(d._model.ReserveSel()).Write)),
        new(NetFn.Storage, 0x43, "Get SEL Entry", 6, 6, static (d, _, data) => d.GetSelEntry(data)),
        new(NetFn.Storage, 0x47, "Clear SEL", 6, 6, static (d, _, data) => d.ClearSel(data)),
        new(NetFn.Storage, 0x48, "Get SEL Time", 0, 0, static (d, _, _) => d.GetSelTime()),
        new(NetFn.Storage, 0x49, "Set SEL Time", 4, 4, static (d, _, data) => d.SetSelTime(data)),
    ];

    // §31.2 Get SEL Info: version 51h; Reserve SEL supported; the overflow flag when events were lost.
    private IpmiResponse GetSelInfo()
    {
        _model.CountSelInfoRequest();
        var info = _model.GetSelInfo();
        var support = SelSupport.Reserve | (info.Overflow ? SelSupport.Overflow : 0);
        return Ok(new SelInfoResponse(SelInfo.Version, (ushort)Math.Min(info.Entries, 0xFFFF), (ushort)Math.Clamp(info.FreeBytes, 0, 0xFFFE),
            info.LastAddTimestamp, info.LastEraseTimestamp, support).Write);
    }

    // §31.5 Get SEL Entry: 81h while an erase is in progress, C5h when a partial read (or any read quoting a
    // reservation) quotes one that is not current, CBh for a missing record.
    private IpmiResponse GetSelEntry(ReadOnlySpan<byte> data)
    {
        var request = GetSelEntryRequest.Read(data);
        _model.CountSelEntryRequest();
        if (_model.GetSelInfo().EraseInProgress)
        {
            return Fail(GetSelEntryRequest.EraseInProgress);
        }
        bool partial = request.Offset != 0 || request.BytesToRead is not (GetSelEntryRequest.EntireRecord or GetSelEntryRequest.RecordLength);
        if ((partial || request.ReservationId != 0) && !_model.IsSelReservationValid(request.ReservationId))
        {
            return Fail(CompletionCode.ReservationCanceled);
        }
        if (_model.GetSelEntry(request.RecordId) is not { } read)
        {
            return Fail(CompletionCode.RequestedDataNotPresent);
        }
        return ReadChunk(ToRecord(read.Entry).Encode(), request.Offset, request.BytesToRead, GetSelEntryRequest.EntireRecord, out var chunk) is { } failure
            ? failure
            : Ok(new RecordChunkResponse(read.NextRecordId, chunk).Write);
    }

    /// <summary>The §32.1 system event record of a model SEL entry.</summary>
    internal static SystemEventRecord ToRecord(SelEntry e) => new()
    {
        RecordId = e.RecordId,
        Timestamp = e.Timestamp,
        GeneratorId = e.GeneratorId,
        EvmRevision = e.EvmRevision,
        SensorType = (IpmiSensorType)(byte)e.SensorType,
        SensorNumber = e.SensorNumber,
        IsDeassertion = e.Direction == EventDirection.Deassertion,
        EventReadingType = (IpmiEventReadingType)e.EventType,
        EventData1 = e.EventData1,
        EventData2 = e.EventData2,
        EventData3 = e.EventData3,
    };

    // §31.9 Clear SEL: initiating needs the current reservation; asking for the erase status does not (the clear
    // itself cancels the reservation, and clients poll with the id they had).
    private IpmiResponse ClearSel(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.Storage.ClearSel.Read(data);
        if (request.Action == ClearSelAction.InitiateErase)
        {
            if (!_model.IsSelReservationValid(request.ReservationId))
            {
                return Fail(CompletionCode.ReservationCanceled);
            }
            _model.ClearSel();
        }
        var progress = _model.GetSelInfo().EraseInProgress ? SelErasureProgress.InProgress : SelErasureProgress.Completed;
        return Ok(new ClearSelResponse(progress).Write);
    }

    // §31.10 Get SEL Time
    private IpmiResponse GetSelTime()
    {
        long seconds = _model.SelTime.ToUnixTimeSeconds();
        return Ok(new SelTimeResponse((uint)Math.Clamp(seconds, 0, 0xFFFFFFFE)).Write);
    }

    // §31.11 Set SEL Time (values below 20000000h are "seconds since initialisation": taken as they come)
    private IpmiResponse SetSelTime(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.Storage.SetSelTime.Read(data);
        if (request.Timestamp == IpmiTimestamp.Unspecified)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        _model.SetSelTime(DateTimeOffset.FromUnixTimeSeconds(request.Timestamp));
        return Ok();
    }
}
