using DgBot.Bot.Cli;
using DgBot.Line.Tests.Infrastructure;
using DgBot.TestDoubles.Line;
using System.CommandLine;

namespace DgBot.Line.Tests;

[Collection(LineContractGroup.Name)]
public sealed class LineQuotaCommandTests(ContractMocks contracts)
{
    [Fact]
    public async Task PrintsThisMonthsQuotaAndConsumption()
    {
        await using var line = await LineApiDouble.StartAsync(new LineApiDoubleOptions { QuotaLimit = 1500, ContractMock = contracts.MessagingApi.BaseAddress });
        var directory = Directory.CreateTempSubdirectory("dgbot-line-cli-");
        try
        {
            using (var http = new HttpClient { BaseAddress = line.BaseAddress })
            {
                for (var i = 0; i < 3; i++)
                {
                    using var push = new HttpRequestMessage(HttpMethod.Post, "v2/bot/message/push")
                    {
                        Content = new StringContent("""{"to":"U1","messages":[{"type":"text","text":"ก"}]}""", System.Text.Encoding.UTF8, "application/json"),
                    };
                    push.Headers.Authorization = new("Bearer", line.AccessToken);
                    (await http.SendAsync(push)).EnsureSuccessStatusCode();
                }
            }

            CliHost.Overrides = new Dictionary<string, string?>
            {
                ["ConnectionStrings:DgBot"] = $"Data Source={Path.Combine(directory.FullName, "dgbot.db")}",
                ["Line:ChannelSecret"] = "secret",
                ["Line:ChannelAccessToken"] = line.AccessToken,
                ["Line:ApiBaseUrl"] = line.BaseAddress.ToString(),
            };
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = await DgBotCli.Build().Parse(["line", "quota"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

            Assert.True(exit == 0, error.ToString());
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(["Limit this month: 1,500", "Sent this month:  3", "Remaining:        1,497"], lines);
        }
        finally
        {
            CliHost.Overrides = null;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task MissingAccessTokenIsReportedByKey()
    {
        var directory = Directory.CreateTempSubdirectory("dgbot-line-cli-");
        try
        {
            CliHost.Overrides = new Dictionary<string, string?>
            {
                ["ConnectionStrings:DgBot"] = $"Data Source={Path.Combine(directory.FullName, "dgbot.db")}",
                ["Line:ChannelSecret"] = "secret",
            };
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = await DgBotCli.Build().Parse(["line", "quota"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

            Assert.NotEqual(0, exit);
            Assert.Contains("Line:ChannelAccessToken", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            CliHost.Overrides = null;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
