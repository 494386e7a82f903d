using Lifeline.Fleet.Noderanges;

namespace Lifeline.Fleet.Tests.Noderanges;

public sealed class NaturalNameComparerTests
{
    [Fact]
    public void NumbersSortByValueAndTextCaseInsensitively()
    {
        string[] names = ["n10", "r1u10", "N3", "n2", "r1u02", "alpha", "n1", "r10u1", "r2u1", "Beta", "n"];

        var sorted = names.Order(NaturalNameComparer.Instance);

        Assert.Equal(["alpha", "Beta", "n", "n1", "n2", "N3", "n10", "r1u02", "r1u10", "r2u1", "r10u1"], sorted);
    }

    [Fact]
    public void TiesInValueAreBrokenDeterministically()
    {
        var comparer = NaturalNameComparer.Instance;

        Assert.True(comparer.Compare("n01", "n1") < 0);
        Assert.True(comparer.Compare("n1", "n01") > 0);
        Assert.True(comparer.Compare("N1", "n1") < 0);
        Assert.Equal(0, comparer.Compare("n1", "n1"));
    }

    [Fact]
    public void NumbersLongerThanALongCompareByValue()
    {
        var comparer = NaturalNameComparer.Instance;

        Assert.True(comparer.Compare("n99999999999999999999999", "n100000000000000000000000") < 0);
        Assert.True(comparer.Compare("n0000000000000000000000002", "n10") < 0);
    }

    [Fact]
    public void TheOrderIsTotalOnRandomNames()
    {
        const string Alphabet = "aAbz09-._5";
        var random = new Random(99);
        var names = Enumerable.Range(0, 300)
            .Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 7)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]))
            .ToList();
        var comparer = NaturalNameComparer.Instance;

        foreach (string a in names)
        {
            foreach (string b in names)
            {
                int ab = comparer.Compare(a, b);
                Assert.Equal(-ab, comparer.Compare(b, a));
                Assert.Equal(ab == 0, string.Equals(a, b, StringComparison.Ordinal));
            }
        }

        var sorted = names.Order(comparer).ToList();
        for (int i = 0; i + 2 < sorted.Count; i++)
        {
            Assert.True(comparer.Compare(sorted[i], sorted[i + 2]) <= 0, "transitive");
        }
    }
}
