using Lifeline.Ipmi.Commands;
using Lifeline.Ipmi.Commands.Storage;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Commands;

public class StorageCommandTests
{
    [Fact]
    public void SdrRepositoryInfoFromIpmiSimParses()
    {
        // ipmitool raw 0x0a 0x20
        var bytes = Hex("51 06 00 fe ff 63 21 08 6b 00 00 00 00 02");
        var r = GetSdrRepositoryInfo.Instance.ReadResponse(bytes);
        Assert.Equal(0x51, r.Version);
        Assert.Equal(6, r.RecordCount);
        Assert.Equal(0xFFFE, r.FreeSpace);
        Assert.Equal(0x6B082163u, r.MostRecentAddition);
        Assert.Equal(0u, r.MostRecentErase);
        Assert.Equal(SdrRepositorySupport.Reserve, r.Support);
        Assert.Equal(bytes, Of(r.Write));
        AssertTruncationIsMalformed(bytes, 14, d => SdrRepositoryInfoResponse.Read(d));
    }

    [Fact]
    public void ReservationsFromIpmiSimParse()
    {
        // ipmitool raw 0x0a 0x22 and 0x0a 0x42
        Assert.Equal(1, ReserveSdrRepository.Instance.ReadResponse(Hex("01 00")).ReservationId);
        Assert.Equal(0x0201, ReserveSel.Instance.ReadResponse(Hex("01 02")).ReservationId);
        Assert.Equal(Hex("02 00"), Of(new ReservationResponse(2).Write));
        AssertTruncationIsMalformed(Hex("01 00"), 2, d => ReservationResponse.Read(d));
    }

    [Fact]
    public void GetSdrHeaderAndBodyFromIpmiSimParse()
    {
        // ipmitool raw 0x0a 0x23 0 0 0 0 0 5 → header of record 1 (SDR 51h, type 12h, 16h bytes follow), next 0002h
        var request = new GetSdr(0, 0, 0, GetSdr.HeaderLength);
        Assert.Equal(Hex("00 00 00 00 00 05"), Request(request));
        var header = request.ReadResponse(Hex("02 00 01 00 51 12 16"));
        Assert.Equal(2, header.NextRecordId);
        Assert.Equal(Hex("01 00 51 12 16"), header.Data);
        // ipmitool raw 0x0a 0x23 0 0 0 0 5 0x10 → 16 body bytes
        var body = RecordChunkResponse.Read(Hex("02 00 20 00 00 8f 00 00 00 07 01 00 cb 4f 4f 42 20 53"));
        Assert.Equal(16, body.Data.Length);
        Assert.Equal(Hex("02 00 20 00 00 8f 00 00 00 07 01 00 cb 4f 4f 42 20 53"), Of(body.Write));
    }

    [Fact]
    public void GetSdrRequestRoundTrips()
    {
        var bytes = Request(new GetSdr(0x1234, 0xFFFF, 0x10, 0x08));
        Assert.Equal(Hex("34 12 ff ff 10 08"), bytes);
        var back = GetSdr.Read(bytes);
        Assert.Equal((0x1234, 0xFFFF, 0x10, 0x08), (back.ReservationId, back.RecordId, back.Offset, back.BytesToRead));
        Assert.Equal(GetSdr.EntireRecord, new GetSdr(0, 0).BytesToRead);
        AssertTruncationIsMalformed(bytes, 6, d => GetSdr.Read(d));
        AssertTruncationIsMalformed(Hex("02 00"), 2, d => RecordChunkResponse.Read(d));
    }

    [Fact]
    public void SelInfoFromIpmiSimParses()
    {
        // ipmitool raw 0x0a 0x40: three entries, 15952 bytes free, reserve + delete supported
        var bytes = Hex("51 03 00 50 3e 1d 01 00 00 00 00 00 00 0a");
        var r = GetSelInfo.Instance.ReadResponse(bytes);
        Assert.Equal(3, r.Entries);
        Assert.Equal(15952, r.FreeSpace);
        Assert.Equal(0x11Du, r.MostRecentAddition);
        Assert.True(IpmiTimestamp.IsRelativeToInitialization(r.MostRecentAddition));
        Assert.Equal(SelSupport.Reserve | SelSupport.Delete, r.Support);
        Assert.Equal(bytes, Of(r.Write));
        AssertTruncationIsMalformed(bytes, 14, d => SelInfoResponse.Read(d));
    }

    [Fact]
    public void SelEntriesFromIpmiSimParse()
    {
        // ipmitool raw 0x0a 0x43 0 0 0 0 0 0xff → first entry, next 0002h
        Assert.Equal(Hex("00 00 00 00 00 ff"), Request(new GetSelEntry(GetSelEntry.FirstEntry)));
        var first = RecordChunkResponse.Read(Hex("02 00 01 00 02 1d 01 00 00 20 00 04 01 01 01 57 52 50"));
        Assert.Equal(2, first.NextRecordId);
        Assert.Equal(GetSelEntry.RecordLength, first.Data.Length);
        // ... 0 0 0xff 0xff 0 0xff → the last entry (id 0003h) says there is no next one
        var last = RecordChunkResponse.Read(Hex("ff ff 03 00 02 1d 01 00 00 20 00 04 04 03 01 52 14 14"));
        Assert.Equal(RecordChunkResponse.LastRecordId, last.NextRecordId);
        var back = GetSelEntry.Read(Request(new GetSelEntry(0x0003, 0x0102, 2, 4)));
        Assert.Equal((0x0003, 0x0102, 2, 4), (back.RecordId, back.ReservationId, back.Offset, back.BytesToRead));
    }

    [Fact]
    public void ClearSelMatchesIpmitool()
    {
        // ipmitool sel clear: 0Ah 42h, then 0Ah 47h 03 00 43 4c 52 aa
        var initiate = new ClearSel(3, ClearSelAction.InitiateErase);
        Assert.Equal(Hex("03 00 43 4c 52 aa"), Request(initiate));
        Assert.Equal(Hex("04 00 43 4c 52 00"), Request(new ClearSel(4, ClearSelAction.GetErasureStatus)));
        var back = ClearSel.Read(Hex("03 00 43 4c 52 aa"));
        Assert.Equal((3, ClearSelAction.InitiateErase), (back.ReservationId, back.Action));
        // ipmi_sim answered the status request with 01: erase completed
        Assert.True(initiate.ReadResponse(Hex("01")).Completed);
        Assert.Equal(SelErasureProgress.InProgress, ClearSelResponse.Read(Hex("00")).Progress);
        Assert.Equal(Hex("01"), Of(new ClearSelResponse(SelErasureProgress.Completed).Write));
    }

    [Theory]
    [InlineData("03 00 43 4c 58 aa")]   // "CLX"
    [InlineData("03 00 43 4c 52 55")]   // unknown action
    public void ClearSelRequestWithoutSignatureOrActionIsAnInvalidRequest(string hex)
    {
        Assert.Equal(IpmiError.InvalidRequest, Assert.Throws<IpmiException>(() => ClearSel.Read(Hex(hex))).Error);
    }

    [Fact]
    public void SelTimeFromIpmiSimParses()
    {
        // ipmitool raw 0x0a 0x48 after `sel time set now`
        var r = GetSelTime.Instance.ReadResponse(Hex("93 21 08 6b"));
        Assert.Equal(0x6B082193u, r.Timestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(0x6B082193), r.Time);
        Assert.Null(SelTimeResponse.Read(Hex("1d 01 00 00")).Time);
        Assert.Null(SelTimeResponse.Read(Hex("ff ff ff ff")).Time);
        Assert.Equal(Hex("93 21 08 6b"), Of(r.Write));
    }

    [Fact]
    public void SetSelTimeEncodesTheTimestamp()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(0x6B082193);
        Assert.Equal(Hex("93 21 08 6b"), Request(SetSelTime.At(at)));
        Assert.Equal(0x6B082193u, SetSelTime.Read(Hex("93 21 08 6b")).Timestamp);
        Assert.Equal(IpmiError.InvalidRequest, Assert.Throws<IpmiException>(() => SetSelTime.At(DateTimeOffset.UnixEpoch)).Error);
        Assert.Same(EmptyResponse.Instance, SetSelTime.At(at).ReadResponse([]));
    }

    [Fact]
    public void FruAreaInfoFromIpmiSimParses()
    {
        // ipmitool raw 0x0a 0x10 0x00: 256 bytes, byte access
        Assert.Equal(Hex("00"), Request(new GetFruInventoryAreaInfo(0)));
        var r = FruInventoryAreaInfoResponse.Read(Hex("00 01 00"));
        Assert.Equal(256, r.SizeInBytes);
        Assert.False(r.AccessByWords);
        Assert.True(FruInventoryAreaInfoResponse.Read(Hex("00 01 01")).AccessByWords);
        Assert.Equal(Hex("00 01 00"), Of(r.Write));
        AssertTruncationIsMalformed(Hex("00 01 00"), 3, d => FruInventoryAreaInfoResponse.Read(d));
    }

    [Fact]
    public void ReadFruDataFromIpmiSimParses()
    {
        // ipmitool raw 0x0a 0x11 0 0 0 0x10 → 16 bytes of the common header and board area
        Assert.Equal(Hex("00 00 00 10"), Request(new ReadFruData(0, 0, 16)));
        var r = ReadFruDataResponse.Read(Hex("10 01 00 01 05 0d 00 00 ec 01 04 17 cb 43 48 2d 50"));
        Assert.Equal(16, r.CountReturned);
        Assert.Equal(Hex("01 00 01 05 0d 00 00 ec 01 04 17 cb 43 48 2d 50"), r.Data);
        // reading 16 bytes at offset F8h of a 256-byte area returns 8
        var tail = ReadFruDataResponse.Read(Hex("08 00 00 00 00 00 00 00 00"));
        Assert.Equal(8, tail.CountReturned);
        var back = ReadFruData.Read(Hex("00 f8 00 10"));
        Assert.Equal((0, 0xF8, 16), (back.FruDeviceId, back.Offset, back.Count));
        Assert.Equal(Hex("08 00 00 00 00 00 00 00 00"), Of(tail.Write));
    }

    [Fact]
    public void ReadFruDataWithFewerBytesThanItsCountIsMalformed()
    {
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => ReadFruDataResponse.Read(Hex("10 01 02"))).Error);
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => ReadFruDataResponse.Read([])).Error);
    }
}
