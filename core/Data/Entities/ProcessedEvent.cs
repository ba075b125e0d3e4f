namespace DgBot.Core.Data.Entities;

/// <summary>A platform event already handled ("telegram:12345", "line:01H…"): seen again, it is ignored.</summary>
public sealed class ProcessedEvent
{
    private ProcessedEvent()
    {
        Key = string.Empty;
    }

    public ProcessedEvent(string key, DateTime processedUtc)
    {
        Key = key;
        ProcessedUtc = processedUtc;
    }

    public string Key { get; private set; }

    public DateTime ProcessedUtc { get; private set; }
}
