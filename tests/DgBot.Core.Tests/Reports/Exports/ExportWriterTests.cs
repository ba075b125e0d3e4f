using System.Text;
using DgBot.Core.Reports.Exports;

namespace DgBot.Core.Tests.Reports.Exports;

/// <summary>The CSV and XLSX table writers on their own: BOM, quoting, formula escaping, column names.</summary>
public sealed class ExportWriterTests
{
    private static string Csv(ExportTable table)
    {
        using var stream = new MemoryStream();
        CsvTableWriter.Write(table, stream);
        var bytes = stream.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        return Encoding.UTF8.GetString(bytes.AsSpan(3));
    }

    [Fact]
    public void CsvQuotesWhatNeedsItEscapesFormulasButNotNegativeNumbers()
    {
        var table = new ExportTable("t", ["a", "b", "c", "d"], [["ลำปาง, เมือง", "=SUM(A1)", -5.5, null], ["\"อ้าง\"", "ไม่ทราบ", 12.0, "x"]]);
        var lines = Csv(table).Split("\r\n");
        Assert.Equal("a,b,c,d", lines[0]);
        Assert.Equal("\"ลำปาง, เมือง\",\"'=SUM(A1)\",-5.5,", lines[1]);
        Assert.Equal("\"\"\"อ้าง\"\"\",ไม่ทราบ,12,x", lines[2]);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void ColumnNamesAreExcels(int index, string name) => Assert.Equal(name, XlsxTableWriter.ColumnName(index));
}
