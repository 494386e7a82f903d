namespace Lifeline.Simulator.Model;

// IPMI v2.0 §31 SEL device: the model's events land here with the time they happened (not the time someone
// looked), stamped by the SEL clock = model time + the Set SEL Time offset.
public sealed partial class BmcModel
{
    private readonly SelLog _sel;
    private TimeSpan _selClockOffset;
    private DateTimeOffset _nextEccAt = DateTimeOffset.MaxValue;

    /// <summary>§31.10 Get SEL Time.</summary>
    public DateTimeOffset SelTime
    {
        get
        {
            lock (_lock)
            {
                return Sync() + _selClockOffset;
            }
        }
    }

    /// <summary>§31.11 Set SEL Time: later entries are stamped from the new clock.</summary>
    public void SetSelTime(DateTimeOffset time)
    {
        lock (_lock)
        {
            var now = Sync();
            _selClockOffset = time - now;
        }
    }

    /// <summary>§31.2 Get SEL Info.</summary>
    public SelInfo GetSelInfo()
    {
        lock (_lock)
        {
            return _sel.Info(Sync());
        }
    }

    /// <summary>§31.4 Reserve SEL: a clear or delete must quote the latest reservation.</summary>
    public ushort ReserveSel()
    {
        lock (_lock)
        {
            Sync();
            return _sel.Reserve();
        }
    }

    public bool IsSelReservationValid(ushort reservation)
    {
        lock (_lock)
        {
            return _sel.IsReservationValid(reservation);
        }
    }

    /// <summary>§31.5 Get SEL Entry: 0000h reads the first record, FFFFh the last; null when there is no such record.</summary>
    public SelRecordRead? GetSelEntry(ushort recordId)
    {
        lock (_lock)
        {
            Sync();
            return _sel.Get(recordId);
        }
    }

    /// <summary>Every entry in order.</summary>
    public SelEntry[] GetSelEntries()
    {
        lock (_lock)
        {
            Sync();
            return _sel.All();
        }
    }

    /// <summary>Entries logged after <paramref name="lastSeenRecordId"/> (all for 0000h; all again when that
    /// record is gone, e.g. after a clear).</summary>
    public SelEntry[] GetSelEntriesAfter(ushort lastSeenRecordId)
    {
        lock (_lock)
        {
            Sync();
            return _sel.After(lastSeenRecordId);
        }
    }

    /// <summary>§31.6 Add SEL Entry: the record id and (for system event records) the timestamp are the BMC's.
    /// Returns the record id, or null when the SEL is full.</summary>
    public ushort? AddSelEntry(SelEntry entry)
    {
        lock (_lock)
        {
            var now = Sync();
            if (entry.RecordType == SelEntry.SystemEventRecord)
            {
                entry = entry with { Timestamp = SelTimestamp(now) };
            }
            return _sel.Add(entry);
        }
    }

    /// <summary>§31.8 Delete SEL Entry.</summary>
    public bool DeleteSelEntry(ushort recordId)
    {
        lock (_lock)
        {
            var now = Sync();
            return _sel.Delete(recordId, SelTimestamp(now));
        }
    }

    /// <summary>
    /// §31.9 Clear SEL (initiate erase). Entries go at once; <see cref="SelInfo.EraseInProgress"/> stays true for
    /// <see cref="PowerTimings.SelEraseDuration"/>. A personality with <see cref="VendorQuirks.LogsSelClearedEntry"/>
    /// then logs "log area reset/cleared".
    /// </summary>
    public void ClearSel()
    {
        lock (_lock)
        {
            var now = Sync();
            _sel.Clear(SelTimestamp(now), now + _shared.Options.Timings.SelEraseDuration);
            if ((_shared.Vendor.Quirks & VendorQuirks.LogsSelClearedEntry) != 0)
            {
                LogSensorEvent(now, SensorNumbers.EventLog, 0x02, EventDirection.Assertion, SelGenerator.Bmc);
            }
        }
    }

    private uint SelTimestamp(DateTimeOffset t)
    {
        long seconds = (t + _selClockOffset).ToUnixTimeSeconds();
        return (uint)Math.Clamp(seconds, 0, 0xFFFFFFFE);
    }

    /// <summary>A sensor-specific (6Fh) event with unspecified event data 2 and 3 (FFh).</summary>
    private void LogSensorEvent(DateTimeOffset t, byte sensorNumber, byte offset, EventDirection direction,
        ushort generator, byte data1Flags = 0, byte data2 = 0xFF, byte data3 = 0xFF)
    {
        var definition = Sensors.Find(sensorNumber);
        if (definition is null)
        {
            return; // a custom sensor table without this sensor logs nothing for it
        }
        _sel.Add(new SelEntry(0, SelEntry.SystemEventRecord, SelTimestamp(t), generator, SelEntry.EvmRevisionIpmi2,
            definition.Type, sensorNumber, direction, (byte)definition.ReadingType,
            (byte)(data1Flags | (offset & 0x0F)), data2, data3));
    }

    // Table 29-6 threshold event data: byte 1 [7:6] 01b = trigger reading in byte 2, [5:4] 01b = trigger
    // threshold in byte 3, [3:0] offset; bytes 2 and 3 are raw values.
    private void LogThresholdEvent(DateTimeOffset t, SensorDefinition definition, SensorThreshold threshold,
        EventDirection direction, double value, double limit)
    {
        _sel.Add(new SelEntry(0, SelEntry.SystemEventRecord, SelTimestamp(t), SelGenerator.Bmc, SelEntry.EvmRevisionIpmi2,
            definition.Type, definition.Number, direction, (byte)EventReadingType.Threshold,
            (byte)(0x50 | threshold.EventOffset()), definition.ToRaw(value), definition.ToRaw(limit)));
    }

    // Memory (0Ch) offsets 0 correctable / 1 uncorrectable ECC; event data 3 = memory module (sensor-specific
    // extension, byte 1 [5:4] = 11b).
    private void LogMemoryError(DateTimeOffset t, int dimm, bool uncorrectable) =>
        LogSensorEvent(t, SensorNumbers.MemoryEcc, uncorrectable ? (byte)1 : (byte)0, EventDirection.Assertion,
            SelGenerator.SmiHandler, data1Flags: 0x30, data3: (byte)dimm);

    /// <summary>Correctable ECC errors arrive as a Poisson process while main power is on.</summary>
    private void ScheduleCorrectableEcc(DateTimeOffset from)
    {
        double perHour = _shared.Options.CorrectableEccPerHour;
        if (perHour <= 0)
        {
            _nextEccAt = DateTimeOffset.MaxValue;
            return;
        }
        double hours = -Math.Log(1 - Random.NextDouble()) / perHour;
        _nextEccAt = from + TimeSpan.FromHours(Math.Clamp(hours, 1e-6, 1e6));
    }

    private void RunCorrectableEcc(DateTimeOffset t)
    {
        LogMemoryError(t, Random.Next(SensorNumbers.DimmCount), uncorrectable: false);
        ScheduleCorrectableEcc(t);
    }
}
