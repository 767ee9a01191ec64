using Tally.Web.Features.Analytics;

namespace Tally.Tests.Analytics;

/// <summary>The CSV exports: quoting, and text that a spreadsheet would run as a formula kept as text.</summary>
public sealed class AnalyticsCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("Smith, Jane", "\"Smith, Jane\"")]
    [InlineData("plain", "plain")]
    public void TextCell_IsNeutralisedAndQuoted(string value, string expected)
    {
        var csv = AnalyticsCsv.Write(["name"], [[value]]);

        Assert.Equal("name\r\n" + expected + "\r\n", csv);
    }

    [Fact]
    public void Numbers_AreWrittenInvariant_AndNegativeAmountsStayNumbers()
    {
        var csv = AnalyticsCsv.Write(["a", "b", "c"], [[-12.5m, 1234, new DateOnly(2026, 3, 10)]]);

        Assert.Equal("a,b,c\r\n-12.50,1234,2026-03-10\r\n", csv);
    }
}
