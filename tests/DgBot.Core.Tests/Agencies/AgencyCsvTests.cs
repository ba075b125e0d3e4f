using DgBot.Core.Agencies;

namespace DgBot.Core.Tests.Agencies;

public class AgencyCsvTests
{
    private const string Header = "code,name,province,type\n";

    [Fact]
    public void ParsesRowsWithBomCrLfAndQuotedCommas()
    {
        var text = "\uFEFFcode,name,province,type\r\n"
            + "LPG-01,สำนักงานจังหวัดลำปาง,ลำปาง,จังหวัด\r\n"
            + "LPG-02,\"สำนักงาน, ส่วนหน้า \"\"ทดลอง\"\"\",ลำปาง,ท้องถิ่น\r\n";

        var result = AgencyCsv.Parse(text);

        Assert.Null(result.Error);
        Assert.Empty(result.Rejected);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(new AgencyRow(2, "LPG-01", "สำนักงานจังหวัดลำปาง", "ลำปาง", "จังหวัด"), result.Rows[0]);
        Assert.Equal("สำนักงาน, ส่วนหน้า \"ทดลอง\"", result.Rows[1].Name);
        Assert.Equal(3, result.Rows[1].Line);
    }

    [Fact]
    public void AcceptsColumnsInAnyOrderAndUpperCasesCodes()
    {
        var result = AgencyCsv.Parse("Name,Type,Code,Province\nสำนักงาน,จังหวัด,lpg_7,ลำปาง\n");

        var row = Assert.Single(result.Rows);
        Assert.Equal("LPG_7", row.Code);
        Assert.Equal("สำนักงาน", row.Name);
        Assert.Equal("จังหวัด", row.Type);
        Assert.Equal("ลำปาง", row.Province);
    }

    [Fact]
    public void RejectsEachBadRowNamingItsLine()
    {
        var text = Header
            + "OK-1,ชื่อ,ลำปาง,จังหวัด\n"          // line 2: fine
            + ",ชื่อ,ลำปาง,จังหวัด\n"              // line 3: empty code
            + "BAD CODE!,ชื่อ,ลำปาง,จังหวัด\n"     // line 4: bad characters
            + "OK-2,,ลำปาง,จังหวัด\n"              // line 5: missing name
            + "OK-3,ชื่อ,,จังหวัด\n"               // line 6: missing province
            + "ok-1,ชื่ออื่น,ลำปาง,จังหวัด\n"        // line 7: duplicate of line 2 (codes are case-insensitive)
            + "OK-4,ชื่อ,ลำปาง\n"                  // line 8: three columns
            + "OK-5,ชื่อ,ลำปาง,จังหวัด,เกิน\n"       // line 9: five columns
            + new string('A', 65) + ",ชื่อ,ลำปาง,จังหวัด\n"; // line 10: code too long

        var result = AgencyCsv.Parse(text);

        Assert.Null(result.Error);
        Assert.Equal(["OK-1"], result.Rows.Select(r => r.Code));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], result.Rejected.Select(r => r.Line));
        Assert.Contains("empty code", result.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("bad code 'BAD CODE!'", result.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("missing name", result.Rejected[2].Reason, StringComparison.Ordinal);
        Assert.Contains("missing province", result.Rejected[3].Reason, StringComparison.Ordinal);
        Assert.Contains("duplicate code 'OK-1' (first on line 2)", result.Rejected[4].Reason, StringComparison.Ordinal);
        Assert.Contains("found 3", result.Rejected[5].Reason, StringComparison.Ordinal);
        Assert.Contains("found 5", result.Rejected[6].Reason, StringComparison.Ordinal);
        Assert.Contains("bad code", result.Rejected[7].Reason, StringComparison.Ordinal);
        Assert.StartsWith("line 3: ", result.Rejected[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsCodeOfExactlySixtyFourCharacters()
    {
        var code = new string('A', 64);
        var result = AgencyCsv.Parse(Header + code + ",ชื่อ,ลำปาง,จังหวัด\n");
        Assert.Equal(code, Assert.Single(result.Rows).Code);
    }

    [Fact]
    public void CountsLinesInsideQuotedFieldsAndSkipsBlankLines()
    {
        var text = Header + "\n" + "A-1,\"สอง\nบรรทัด\",ลำปาง,จังหวัด\n" + "\n" + ",x,y,z\n";

        var result = AgencyCsv.Parse(text);

        Assert.Equal(3, Assert.Single(result.Rows).Line);
        Assert.Equal("สอง\nบรรทัด", result.Rows[0].Name);
        Assert.Equal(6, Assert.Single(result.Rejected).Line);
    }

    [Fact]
    public void RejectsUnclosedQuote()
    {
        var result = AgencyCsv.Parse(Header + "A-1,\"ไม่ปิด,ลำปาง,จังหวัด\n");
        Assert.Empty(result.Rows);
        Assert.Contains("not closed", Assert.Single(result.Rejected).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n\r\n  \n")]
    public void ReportsEmptyFile(string text)
    {
        var result = AgencyCsv.Parse(text);
        Assert.Contains("empty", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Rows);
    }

    [Theory]
    [InlineData("LPG-01,สำนักงานจังหวัดลำปาง,ลำปาง,จังหวัด\n")]
    [InlineData("code,name,province\nA,b,c\n")]
    [InlineData("code,name,province,type,extra\nA,b,c,d,e\n")]
    public void ReportsMissingOrWrongHeader(string text)
    {
        var result = AgencyCsv.Parse(text);
        Assert.Contains("line 1: the header must be", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Rows);
    }
}
