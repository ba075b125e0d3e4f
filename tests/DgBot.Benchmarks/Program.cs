namespace DgBot.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.WriteLine("usage: dotnet run -c Release --project tests/DgBot.Benchmarks -- <benchmark>");
        return args.Length == 0 ? 0 : 2;
    }
}
