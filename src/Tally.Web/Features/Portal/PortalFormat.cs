using System.Globalization;

namespace Tally.Web.Features.Portal;

internal static class PortalFormat
{
    /// <summary>"1,250.00 USD": the code rather than a symbol, since a studio may bill in any currency.</summary>
    public static string Money(decimal amount, string currency) =>
        amount.ToString("N2", CultureInfo.InvariantCulture) + " " + currency;

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1 << 20 => (bytes / (double)(1 << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1 << 10 => (bytes / (double)(1 << 10)).ToString("0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
