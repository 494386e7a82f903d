using Lifeline.Fleet.Grains;

namespace Lifeline.Fleet.Tests.Grains;

public sealed class OperationGateTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ReadsShareTheCapAndTheNextReadWaitsForAFreeSlot()
    {
        var gate = new OperationGate(2);
        using var first = await gate.EnterAsync(exclusive: false, CancellationToken.None);
        using var second = await gate.EnterAsync(exclusive: false, CancellationToken.None);
        var third = gate.EnterAsync(exclusive: false, CancellationToken.None);

        Assert.False(third.IsCompleted);
        first.Dispose();
        using var entered = await third.WaitAsync(Bound);
        Assert.Equal(0, gate.Free);
    }

    [Fact]
    public async Task AMutationWaitsForRunningReadsAndLaterReadsWaitForIt()
    {
        var gate = new OperationGate(2);
        var read = await gate.EnterAsync(exclusive: false, CancellationToken.None);
        var mutation = gate.EnterAsync(exclusive: true, CancellationToken.None);
        var laterRead = gate.EnterAsync(exclusive: false, CancellationToken.None);

        Assert.False(mutation.IsCompleted);
        Assert.False(laterRead.IsCompleted); // queued behind the mutation, although a slot is free
        read.Dispose();
        var held = await mutation.WaitAsync(Bound);
        Assert.False(laterRead.IsCompleted);
        held.Dispose();
        using var after = await laterRead.WaitAsync(Bound);
        Assert.Equal(1, gate.Free);
    }

    [Fact]
    public async Task TwoMutationsRunOneAfterTheOther()
    {
        var gate = new OperationGate(3);
        var first = await gate.EnterAsync(exclusive: true, CancellationToken.None);
        var second = gate.EnterAsync(exclusive: true, CancellationToken.None);

        Assert.Equal(0, gate.Free);
        Assert.False(second.IsCompleted);
        first.Dispose();
        first.Dispose(); // a second dispose gives nothing back twice
        using var next = await second.WaitAsync(Bound);
        Assert.Equal(0, gate.Free);
    }

    [Fact]
    public async Task AMutationCancelledWhileWaitingGivesBackWhatItHeld()
    {
        var gate = new OperationGate(2);
        var read = await gate.EnterAsync(exclusive: false, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var mutation = gate.EnterAsync(exclusive: true, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mutation.WaitAsync(Bound));
        Assert.Equal(1, gate.Free);
        read.Dispose();
        using var other = await gate.EnterAsync(exclusive: true, CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(0, gate.Free);
    }
}
