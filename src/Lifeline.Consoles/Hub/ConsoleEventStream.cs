namespace Lifeline.Consoles.Hub;

/// <summary>A minimal hot observable: subscribers get what is published after they subscribe; a throwing subscriber is ignored.</summary>
internal sealed class ConsoleEventStream<T> : IObservable<T>
{
    private readonly Lock _lock = new();
    private IObserver<T>[] _observers = [];

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_lock)
        {
            _observers = [.. _observers, observer];
        }

        return new Unsubscriber(this, observer);
    }

    public void Publish(T value)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            try
            {
                observer.OnNext(value);
            }
#pragma warning disable CA1031 // one failing subscriber must not stop the console
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    public void Complete()
    {
        IObserver<T>[] observers;
        lock (_lock)
        {
            observers = _observers;
            _observers = [];
        }

        foreach (var observer in observers)
        {
            observer.OnCompleted();
        }
    }

    private sealed class Unsubscriber(ConsoleEventStream<T> stream, IObserver<T> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (stream._lock)
            {
                stream._observers = [.. stream._observers.Where(o => !ReferenceEquals(o, observer))];
            }
        }
    }
}
