using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using DgBot.Core.Diagnostics;

namespace DgBot.Bot.Operations;

/// <summary>
/// Listens to the <see cref="DgBotMetrics.MeterName"/> meter and renders its instruments in the Prometheus text
/// format (version 0.0.4): counters are summed per tag set, observable gauges are read when rendering.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentValues> instruments = new();
    private readonly Lock renderGate = new();

    public MetricsCollector()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DgBotMetrics.MeterName)
            {
                instruments.TryAdd(instrument, new InstrumentValues(instruments.Count));
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.Start();
    }

    /// <summary>The current values as Prometheus text.</summary>
    public string Render()
    {
        lock (renderGate)
        {
            foreach (var values in instruments.Where(i => i.Key.IsObservable).Select(i => i.Value))
            {
                values.Series.Clear();
            }

            listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var (instrument, values) in instruments.OrderBy(i => i.Value.Order))
            {
                var type = instrument is ObservableGauge<long> ? "gauge" : "counter";
                text.Append("# HELP ").Append(instrument.Name).Append(' ').Append(Escape(instrument.Description ?? instrument.Name, help: true)).Append('\n');
                text.Append("# TYPE ").Append(instrument.Name).Append(' ').Append(type).Append('\n');
                if (values.Series.IsEmpty && type == "counter")
                {
                    text.Append(instrument.Name).Append(" 0\n");
                }

                foreach (var (labels, value) in values.Series.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    text.Append(instrument.Name).Append(labels).Append(' ')
                        .Append(Interlocked.Read(ref value.Value).ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }

            return text.ToString();
        }
    }

    public void Dispose() => listener.Dispose();

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!instruments.TryGetValue(instrument, out var values))
        {
            return;
        }

        var cell = values.Series.GetOrAdd(Labels(tags), _ => new Cell());
        if (instrument.IsObservable)
        {
            Interlocked.Exchange(ref cell.Value, measurement);
        }
        else
        {
            Interlocked.Add(ref cell.Value, measurement);
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add(tag.Key + "=\"" + Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty, help: false) + "\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return "{" + string.Join(",", pairs) + "}";
    }

    private static string Escape(string value, bool help)
    {
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return help ? escaped : escaped.Replace("\"", "\\\"", StringComparison.Ordinal);
    }

    private sealed class InstrumentValues(int order)
    {
        public int Order { get; } = order;

        public ConcurrentDictionary<string, Cell> Series { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Cell
    {
        public long Value;
    }
}
