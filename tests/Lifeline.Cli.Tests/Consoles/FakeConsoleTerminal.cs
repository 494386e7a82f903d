using System.IO.Pipelines;
using System.Text;
using Lifeline.Cli.Consoles;

namespace Lifeline.Cli.Tests.Consoles;

/// <summary>A console terminal made of a pipe (stdin the test types into), a byte collector (stdout) and recorded tty modes.</summary>
internal sealed class FakeConsoleTerminal : IConsoleTerminal, ITtyModes
{
    private readonly Pipe _stdin = new();
    private readonly CollectingStream _stdout = new();
    private readonly StringWriter _status = new();

    public FakeConsoleTerminal() => Input = _stdin.Reader.AsStream();

    public Stream Input { get; }

    public Stream Output => _stdout;

    public TextWriter Status => _status;

    public bool IsInputTerminal { get; set; } = true;

    public ITtyModes Modes => this;

    public (int Columns, int Rows)? Size => (120, 40);

    public List<string> ModeCalls { get; } = [];

    public string Out => _stdout.Text;

    public string StatusText
    {
        get
        {
            lock (_status)
            {
                return _status.ToString();
            }
        }
    }

    public IDisposable WatchResize(Action onResize) => new Nothing();

    public async Task TypeAsync(string text)
    {
        await _stdin.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _stdin.Writer.FlushAsync();
    }

    public Task EndInputAsync() => _stdin.Writer.CompleteAsync().AsTask();

    public string Save()
    {
        ModeCalls.Add("save");
        return "sane";
    }

    public void MakeRaw() => ModeCalls.Add("raw");

    public void Restore(string saved) => ModeCalls.Add("restore " + saved);

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }

    private sealed class CollectingStream : Stream
    {
        private readonly MemoryStream _bytes = new();

        public string Text
        {
            get
            {
                lock (_bytes)
                {
                    return Encoding.UTF8.GetString(_bytes.ToArray());
                }
            }
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_bytes)
            {
                _bytes.Write(buffer, offset, count);
            }
        }
    }
}
