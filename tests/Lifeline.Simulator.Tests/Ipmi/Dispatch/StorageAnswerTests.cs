using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sel;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Tests.Model;

namespace Lifeline.Simulator.Tests.Ipmi.Dispatch;

public sealed class StorageAnswerTests
{
    [Fact]
    public void SelEntriesAreTheModelsEventsAsSystemEventRecords()
    {
        var h = new DispatchHarness();
        h.Model.ForceSensorValue(SensorNumbers.Cpu1Temp, 90);
        var entries = h.Model.GetSelEntries();
        Assert.NotEmpty(entries);
        var info = h.Execute(GetSelInfo.Instance);
        Assert.Equal(entries.Length, info.Entries);

        ushort id = GetSelEntry.FirstEntry;
        var read = new List<SystemEventRecord>();
        while (id != GetSelEntry.LastEntry)
        {
            var chunk = h.Execute(new GetSelEntry(id));
            read.Add(Assert.IsType<SystemEventRecord>(SelRecord.Parse(chunk.Data)));
            id = chunk.NextRecordId;
        }
        Assert.Equal(entries.Select(e => e.RecordId), read.Select(r => r.RecordId));
        var crossing = read.First(r => r.SensorNumber == SensorNumbers.Cpu1Temp);
        Assert.Equal(Lifeline.Ipmi.Sensors.EventReadingType.Threshold, crossing.EventReadingType);
        Assert.Equal(0x07, crossing.Offset); // upper non-critical going high
        Assert.Equal(h.Model.Sensors.Find(SensorNumbers.Cpu1Temp)!.ToRaw(84), crossing.TriggerThreshold);
    }

    [Fact]
    public void PartialSelReadsNeedAValidReservation()
    {
        var h = new DispatchHarness();
        h.Model.InjectMemoryError(1);
        Assert.Equal(CompletionCode.ReservationCanceled, h.Send(NetFn.Storage, 0x43, 0, 0, 0, 0, 2, 4).Code);
        ushort reservation = h.Execute(ReserveSel.Instance).ReservationId;
        var head = h.Execute(new GetSelEntry(0, reservation, 0, 2));
        var tail = h.Execute(new GetSelEntry(0, reservation, 2, 14));
        Assert.Equal(h.Model.GetSelEntries()[0].RecordId, SelRecord.Parse([.. head.Data, .. tail.Data]).RecordId);
        Assert.Equal(CompletionCode.RequestedDataNotPresent, h.Send(NetFn.Storage, 0x43, 0, 0, 0x34, 0x12, 0, 0xFF).Code);
    }

    [Fact]
    public void ClearSelNeedsTheReservationAndReportsTheEraseUntilItCompletes()
    {
        var h = new DispatchHarness();
        h.Model.InjectMemoryError(0);
        Assert.Equal(CompletionCode.ReservationCanceled, Clear(h, 0x7777, ClearSelAction.InitiateErase).Code);
        ushort reservation = h.Execute(ReserveSel.Instance).ReservationId;
        var started = ClearSelResponse.Read(Clear(h, reservation, ClearSelAction.InitiateErase).Data.Span);
        Assert.False(started.Completed);
        Assert.Equal(0x81, (byte)h.Send(NetFn.Storage, 0x43, 0, 0, 0, 0, 0, 0xFF).Code);
        h.Clock.Advance(h.Model.Options.Timings.SelEraseDuration);
        Assert.True(ClearSelResponse.Read(Clear(h, reservation, ClearSelAction.GetErasureStatus).Data.Span).Completed);
        Assert.Equal(0, h.Execute(GetSelInfo.Instance).Entries);
        Assert.Equal(CompletionCode.InvalidDataField, h.Send(NetFn.Storage, 0x47, 1, 0, (byte)'C', (byte)'L', (byte)'X', 0xAA).Code);
    }

    [Fact]
    public void SelTimeFollowsTheModelsClockAndCanBeSet()
    {
        var h = new DispatchHarness();
        Assert.Equal(TestNodes.Seconds(TestNodes.Start), h.Execute(GetSelTime.Instance).Timestamp);
        var set = new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero);
        h.Execute(SetSelTime.At(set));
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(set.AddSeconds(5), h.Execute(GetSelTime.Instance).Time);
    }

    [Fact]
    public void TheFruImageParsesBackToTheModelsFields()
    {
        var h = new DispatchHarness(index: 41);
        var fru = h.Model.Fru;
        var parsed = Lifeline.Ipmi.Fru.FruInventory.Parse(h.Dispatcher.FruImage);
        Assert.Empty(parsed.Warnings);
        Assert.Equal(fru.Chassis.Type, parsed.Chassis!.ChassisType);
        Assert.Equal(fru.Chassis.SerialNumber, parsed.Chassis.SerialNumber!.Text);
        Assert.Equal(fru.Chassis.PartNumber, parsed.Chassis.PartNumber!.Text);
        Assert.Equal(fru.Board.Manufacturer, parsed.Board!.Manufacturer!.Text);
        Assert.Equal(fru.Board.ProductName, parsed.Board.ProductName!.Text);
        Assert.Equal(fru.Board.SerialNumber, parsed.Board.SerialNumber!.Text);
        Assert.Equal(fru.Board.PartNumber, parsed.Board.PartNumber!.Text);
        Assert.Equal(fru.Board.ManufacturedAt, parsed.Board.ManufacturedAt);
        Assert.Equal(fru.Product.Manufacturer, parsed.Product!.Manufacturer!.Text);
        Assert.Equal(fru.Product.Name, parsed.Product.ProductName!.Text);
        Assert.Equal(fru.Product.PartNumber, parsed.Product.PartNumber!.Text);
        Assert.Equal(fru.Product.Version, parsed.Product.Version!.Text);
        Assert.Equal(fru.Product.SerialNumber, parsed.Product.SerialNumber!.Text);
        Assert.Equal(fru.Product.AssetTag, parsed.Product.AssetTag!.Text);
    }

    [Fact]
    public void ReadFruDataServesTheImageInChunksWithinTheLimit()
    {
        var h = new DispatchHarness(dispatcherOptions: new DispatcherOptions { MaxReadBytes = 24 });
        var info = h.Execute(new GetFruInventoryAreaInfo(0));
        Assert.Equal(IpmiCommandDispatcher.FruDeviceSize, info.SizeInBytes);
        Assert.False(info.AccessByWords);
        var image = new List<byte>();
        while (image.Count < info.SizeInBytes)
        {
            var chunk = h.Execute(new ReadFruData(0, (ushort)image.Count, 24));
            Assert.InRange(chunk.CountReturned, 1, 24);
            image.AddRange(chunk.Data);
        }
        Assert.Equal(h.Dispatcher.FruImage, image.ToArray());
        Assert.Equal(CompletionCode.CannotReturnRequestedBytes, h.Send(NetFn.Storage, 0x11, 0, 0, 0, 25).Code);
        Assert.Equal(CompletionCode.RequestedDataNotPresent, h.Send(NetFn.Storage, 0x10, 1).Code);
        Assert.Equal(CompletionCode.ParameterOutOfRange, h.Send(NetFn.Storage, 0x11, 0, 0x00, 0x01, 8).Code);
    }

    private static IpmiResponse Clear(DispatchHarness h, ushort reservation, ClearSelAction action)
    {
        var w = new IpmiWriter();
        new ClearSel(reservation, action).WriteRequest(w);
        return h.Send(NetFn.Storage, 0x47, w.ToArray());
    }
}
