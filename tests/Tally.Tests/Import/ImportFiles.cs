using System.Text;
using Dapper;
using Npgsql;

namespace Tally.Tests.Import;

/// <summary>CSV files for the import tests, and what the database holds afterwards.</summary>
internal static class ImportFiles
{
    public const string LeadsHeader = "id,first_name,last_name,partner_name,email,phone,event_type,event_date,venue,guest_count,budget,currency,source,status,message,created_at";

    public const string ClientsHeader = "first_name,last_name,partner_name,email,phone,address_line1,address_line2,city,region,postal_code,country,notes";

    public static string Tag() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>A valid leads row in export order, with emails tagged <paramref name="tag"/>.</summary>
    public static string Lead(string tag, int n, string firstName = "Ada", string? email = null) =>
        $",{firstName},Lovelace{n},,{email ?? $"lead{n}-{tag}@example.com"},+1 555 0100,wedding,2027-06-12,Lake House,120,4500.00,,instagram,new,\"Hello, \"\"studio\"\"\",2026-01-01T00:00:00Z";

    public static string Client(string tag, int n, string firstName = "Grace", string? email = null) =>
        $"{firstName},Hopper{n},,{email ?? $"client{n}-{tag}@example.com"},+1 555 0101,1 Main St,,Seattle,WA,98101,US,";

    public static MemoryStream Stream(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    public static async Task<long> CountAsync(NpgsqlConnection owner, string table, string tag) =>
        await owner.QuerySingleAsync<long>($"SELECT count(*) FROM {table} WHERE email::text LIKE @pattern", new { pattern = $"%-{tag}@example.com" });

    public static async Task<Guid> StudioIdAsync(NpgsqlConnection owner, string slug = "aurora-studio") =>
        await owner.QuerySingleAsync<Guid>("SELECT id FROM studios WHERE slug = @slug", new { slug });
}
