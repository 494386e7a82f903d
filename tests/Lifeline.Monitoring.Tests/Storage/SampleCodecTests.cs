using Lifeline.Drivers;
using Lifeline.Monitoring.Storage;

namespace Lifeline.Monitoring.Tests.Storage;

public sealed class SampleCodecTests
{
    [Fact]
    public void ADensePollIsFiveBytesPerValueAndRoundTripsNaNAndStatuses()
    {
        EncodedReading[] readings = [new(0, 3000f, SensorStatus.Ok), new(1, float.NaN, SensorStatus.Unavailable), new(2, -12.5f, SensorStatus.Critical)];

        byte[] blob = SampleCodec.EncodePoll(readings);

        Assert.Equal(3 + (3 * 5), blob.Length);
        Assert.Equal(readings, SampleCodec.DecodePoll(blob));
    }

    [Fact]
    public void ASparsePollKeepsItsIndexes()
    {
        EncodedReading[] readings = [new(4, 1f, SensorStatus.Ok), new(0, 2f, SensorStatus.Warning), new(65535, 3f, SensorStatus.NonRecoverable)];

        byte[] blob = SampleCodec.EncodePoll(readings);

        Assert.Equal(3 + (3 * 7), blob.Length);
        Assert.Equal(readings, SampleCodec.DecodePoll(blob));
    }

    [Fact]
    public void RollupEntriesStoreOneValueWhenConstantNoneWithoutValuesAndAnOwnCountOnlyWhenItDiffers()
    {
        EncodedAggregate[] dense =
        [
            new(0, 1000f, 2500f, 6000f, 5),
            new(1, 40f, 40f, 40f, 5),
            new(2, float.NaN, float.NaN, float.NaN, 5),
            new(3, 1f, 2f, 3f, 2),
        ];
        EncodedAggregate[] sparse = [new(7, 1f, 1f, 1f, 1), new(3, 5f, 6f, 7f, 300)];

        byte[] denseBlob = SampleCodec.EncodeRollup(dense);
        byte[] sparseBlob = SampleCodec.EncodeRollup(sparse);

        Assert.Equal(5 + 4 + 12 + 4 + 0 + (2 + 12), denseBlob.Length);
        Assert.Equal(dense, SampleCodec.DecodeRollup(denseBlob));
        Assert.Equal(sparse, SampleCodec.DecodeRollup(sparseBlob));
    }

    [Fact]
    public void EveryTruncatedOrPaddedBlobIsInvalidDataNotACrash()
    {
        byte[] poll = SampleCodec.EncodePoll([new(0, 1f, SensorStatus.Ok), new(1, 2f, SensorStatus.Ok)]);
        byte[] rollup = SampleCodec.EncodeRollup([new(0, 1f, 2f, 3f, 5), new(2, 4f, 4f, 4f, 1)]);

        for (int length = 0; length < poll.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => SampleCodec.DecodePoll(poll.AsSpan(0, length)));
        }

        for (int length = 0; length < rollup.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => SampleCodec.DecodeRollup(rollup.AsSpan(0, length)));
        }

        Assert.Throws<InvalidDataException>(() => SampleCodec.DecodePoll([.. poll, 0]));
        Assert.Throws<InvalidDataException>(() => SampleCodec.DecodeRollup([.. rollup, 0]));
        Assert.Throws<InvalidDataException>(() => SampleCodec.DecodePoll(rollup));
        Assert.Throws<InvalidDataException>(() => SampleCodec.DecodeRollup(poll));
    }
}
