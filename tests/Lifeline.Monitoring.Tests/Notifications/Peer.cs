namespace Lifeline.Monitoring.Tests.Notifications;

/// <summary>A real peer the channel tests need: missing → the test fails when CI=true, else skips saying how to install it.</summary>
internal static class Peer
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (InCi)
        {
            throw new InvalidOperationException(reason + " — CI must install every peer");
        }

        Skip.If(true, reason);
    }

    /// <summary>A TCP port free right now (the kernel picks it: port 0), for a peer started next.</summary>
    public static int FreeTcpPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A UDP port free right now.</summary>
    public static int FreeUdpPort()
    {
        using var socket = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    /// <summary>Whether something listens on 127.0.0.1:<paramref name="port"/> (TCP LISTEN, or a bound UDP socket), from /proc/net.</summary>
    public static bool IsBound(int port, bool udp)
    {
        string file = udp ? "/proc/net/udp" : "/proc/net/tcp";
        string local = $"0100007F:{port:X4}";
        return File.ReadLines(file).Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields.Length > 3 && fields[1] == local && (udp || fields[3] == "0A"));
    }

    /// <summary>Waits (real time, bounded) until <paramref name="condition"/> holds; fails naming <paramref name="what"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(50);
        }
    }
}
