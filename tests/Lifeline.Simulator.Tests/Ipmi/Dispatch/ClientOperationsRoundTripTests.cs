using Lifeline.Ipmi.Commands.Chassis;
using Lifeline.Ipmi.Operations;
using Lifeline.Ipmi.Sel;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Tests.Model;

namespace Lifeline.Simulator.Tests.Ipmi.Dispatch;

/// <summary>Lifeline.Ipmi's client-side operations run against the simulator's face: the same codecs, both ways.</summary>
public sealed class ClientOperationsRoundTripTests
{
    [Fact]
    public async Task TheFruReaderShrinksItsChunksToTheLimitAndReadsTheWholeImage()
    {
        var h = new DispatchHarness(dispatcherOptions: new DispatcherOptions { MaxReadBytes = 20 });
        var reader = new FruReader(h, h.Clock);
        var image = await reader.ReadAsync(0, CancellationToken.None);
        Assert.Equal(h.Dispatcher.FruImage, image);
        Assert.True(reader.ChunkSize <= 20);
    }

    [Fact]
    public async Task TheSelReaderReadsEveryEntryThenClearsAndWaitsForTheErase()
    {
        var h = new DispatchHarness();
        h.Model.ForceSensorValue(SensorNumbers.InletTemp, 50);
        h.Model.InjectMemoryError(2, uncorrectable: true);
        var reader = new SelReader(h, h.Clock);
        var snapshot = await reader.ReadAllAsync(CancellationToken.None);
        Assert.Equal(h.Model.GetSelEntries().Select(e => e.RecordId), snapshot.Entries.Select(e => SelRecord.Parse(e).RecordId));

        var clearing = reader.ClearSelAsync(new SelClearOptions { PollInterval = TimeSpan.FromMilliseconds(250) }, CancellationToken.None);
        for (int i = 0; i < 20 && !clearing.IsCompleted; i++)
        {
            h.Clock.Advance(TimeSpan.FromMilliseconds(250));
        }
        await clearing;
        Assert.Empty(h.Model.GetSelEntries());
        Assert.False(h.Model.GetSelInfo().EraseInProgress);
    }

    [Fact]
    public async Task BootDeviceSelectionLikeIpmitoolLandsInTheModel()
    {
        var h = new DispatchHarness();
        var flags = await BootOptions.SetBootDeviceAsync(h, Lifeline.Ipmi.Commands.Chassis.BootDevice.BiosSetup, persistent: true, efi: true, CancellationToken.None);
        Assert.True(flags.Valid);
        Assert.True(flags.Persistent);
        Assert.Equal(Lifeline.Ipmi.Commands.Chassis.BootDevice.BiosSetup, flags.Device);
        Assert.Equal(Lifeline.Simulator.Model.BootDevice.BiosSetup, h.Model.BootFlags.Device);
        Assert.Equal(BootOptionsSetState.SetComplete, h.Model.BootOptionsSetState);
        Assert.Equal(BootInfoAcknowledge.BiosPost, h.Model.BootInfoAcknowledge);
    }

    [Fact]
    public async Task TheChannelProbeListsTheSuitesTheNodeAccepts()
    {
        var h = new DispatchHarness(TestNodes.Quiet with { Personality = VendorPersonality.HpeLike });
        var suites = await ChannelProbe.GetCipherSuitesAsync(h, CancellationToken.None);
        Assert.Equal([1, 2, 3], suites.Select(s => (int)s.Id));
    }
}
