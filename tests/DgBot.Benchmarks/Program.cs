using System.Globalization;

namespace DgBot.Benchmarks;

internal static class Program
{
    private const string Usage =
        "usage: dotnet run -c Release --project tests/DgBot.Benchmarks -- engine [--agencies 20] [--staff-per-agency 3] [--runs 5] [--parallel N] [--db PATH] [--raw-seconds 3] [--think-ms 0] [--profile]\n"
        + "       dotnet run -c Release --project tests/DgBot.Benchmarks -- reminders [--recipients 10000] [--rate 300] [--runs 3] (see docs/benchmarks.md)\n"
        + "       dotnet run -c Release --project tests/DgBot.Benchmarks -- telegram [--staff 20] [--agencies 4] [--questions 30] [--runs 3] [--limits none|telegram] [--think-ms 0]\n"
        + "       dotnet run -c Release --project tests/DgBot.Benchmarks -- reports [--provinces 76] [--per-province 25] [--runs 5] [--no-previous-round] [--only TEXT]";

    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "reminders")
        {
            return await ReminderBenchmark.RunAsync(args.AsMemory(1), Console.Out).ConfigureAwait(false);
        }

        if (args[0] == "telegram")
        {
            return await TelegramBenchmark.RunAsync(args.AsMemory(1), Console.Out).ConfigureAwait(false);
        }

        if (args[0] == "reports")
        {
            return await ReportsBenchmark.RunAsync(args.AsMemory(1), Console.Out).ConfigureAwait(false);
        }

        if (args[0] != "engine")
        {
            Console.Error.WriteLine("unknown benchmark: " + args[0]);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        EngineBenchmarkOptions options;
        try
        {
            options = EngineBenchmarkOptions.Parse(args.AsSpan(1));
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        return await EngineBenchmark.RunAsync(options, Console.Out, cts.Token).ConfigureAwait(false);
    }
}

/// <summary>Command-line settings of the engine benchmark.</summary>
internal sealed record EngineBenchmarkOptions(int Agencies, int StaffPerAgency, int Runs, int Parallel, string? Db, double RawSeconds, bool Profile, int ThinkMs)
{
    public int Users => Agencies * StaffPerAgency;

    public static EngineBenchmarkOptions Parse(ReadOnlySpan<string> args)
    {
        int agencies = 20, staff = 3, runs = 5, parallel = 0, think = 0;
        double rawSeconds = 3;
        string? db = null;
        var profile = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--profile")
            {
                profile = true;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new FormatException("missing value for " + name);
            }

            var value = args[++i];
            switch (name)
            {
                case "--agencies": agencies = Positive(name, value); break;
                case "--staff-per-agency": staff = Positive(name, value); break;
                case "--runs": runs = Positive(name, value); break;
                case "--parallel": parallel = Positive(name, value); break;
                case "--raw-seconds": rawSeconds = Positive(name, value); break;
                case "--think-ms": think = Positive(name, value); break;
                case "--db": db = value; break;
                default: throw new FormatException("unknown option " + name);
            }
        }

        return new EngineBenchmarkOptions(agencies, staff, runs, parallel == 0 ? agencies * staff : parallel, db, rawSeconds, profile, think);
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException(name + " needs a positive whole number, got '" + value + "'");
}
