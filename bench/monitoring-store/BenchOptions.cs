namespace Lifeline.Bench.MonitoringStore;

/// <summary>The command line of the benchmark.</summary>
internal sealed record BenchOptions(int Nodes, int Sensors, int Minutes, string Provider, string? ConnectionString, int? PostmasterPid)
{
    public static BenchOptions Parse(string[] args)
    {
        int nodes = 10_000, sensors = 20, minutes = 10;
        string provider = "sqlite";
        int? postmaster = null;
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--nodes": nodes = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "--sensors": sensors = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "--minutes": minutes = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "--provider": provider = value; break;
                case "--postmaster-pid": postmaster = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}; use --nodes N --sensors N --minutes N --provider sqlite|postgres");
            }

            i++;
        }

        if (nodes < 1 || sensors < 1 || sensors > 4096 || minutes < 2)
        {
            throw new ArgumentException("need --nodes ≥ 1, 1 ≤ --sensors ≤ 4096, --minutes ≥ 2");
        }

        if (provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--provider is sqlite or postgres");
        }

        // The PostgreSQL connection string comes from the environment (never the command line).
        string? connection = provider == "postgres"
            ? Environment.GetEnvironmentVariable("LIFELINE_BENCH_PG") ?? throw new ArgumentException("set LIFELINE_BENCH_PG to an Npgsql connection string")
            : null;
        return new BenchOptions(nodes, sensors, minutes, provider, connection, postmaster);
    }
}
