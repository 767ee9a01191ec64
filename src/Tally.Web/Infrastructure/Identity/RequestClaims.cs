using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tally.Web.Infrastructure.Identity;

/// <summary>
/// Who is asking, as the database sees it: serialised into the transaction-local setting
/// request.jwt.claims and read back by auth.jwt(), auth.studio_id() … in policies and triggers.
/// </summary>
public sealed record RequestClaims
{
    [JsonPropertyName("sub")] public Guid? UserId { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("role")] public string Role { get; init; } = TallyRoles.Anonymous;
    [JsonPropertyName("studio_id")] public Guid? StudioId { get; init; }
    [JsonPropertyName("client_id")] public Guid? ClientId { get; init; }
    [JsonPropertyName("perms")] public IReadOnlyDictionary<string, bool> Permissions { get; init; } = new Dictionary<string, bool>();
    [JsonPropertyName("ip")] public string? Ip { get; init; }
    [JsonPropertyName("user_agent")] public string? UserAgent { get; init; }
    [JsonPropertyName("request_id")] public string? RequestId { get; init; }

    public bool IsTeam => TallyRoles.Team.Contains(Role);

    public bool IsAdmin => Role is TallyRoles.Owner or TallyRoles.Admin;

    public bool Can(string permission) => Role == TallyRoles.Owner || Permissions.GetValueOrDefault(permission);

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The claims of a signed-in principal (or anonymous), plus the request's ip, agent and id.</summary>
    public static RequestClaims From(HttpContext http)
    {
        var user = http.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        return new RequestClaims
        {
            UserId = signedIn ? ParseGuid(user.FindFirstValue(TallyClaimTypes.UserId)) : null,
            Email = signedIn ? user.FindFirstValue(TallyClaimTypes.Email) : null,
            Role = signedIn ? user.FindFirstValue(TallyClaimTypes.Role) ?? TallyRoles.Anonymous : TallyRoles.Anonymous,
            StudioId = signedIn ? ParseGuid(user.FindFirstValue(TallyClaimTypes.StudioId)) : null,
            ClientId = signedIn ? ParseGuid(user.FindFirstValue(TallyClaimTypes.ClientId)) : null,
            Permissions = signedIn
                ? user.FindAll(TallyClaimTypes.Permission).ToDictionary(c => c.Value, _ => true)
                : new Dictionary<string, bool>(),
            Ip = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 500),
            RequestId = http.TraceIdentifier,
        };
    }

    /// <summary>Background work: the system identity, for exactly one studio.</summary>
    public static RequestClaims System(Guid studioId, string job) => new()
    {
        Role = TallyRoles.System,
        StudioId = studioId,
        Email = $"system:{job}",
        RequestId = $"job:{job}:{Guid.CreateVersion7():N}",
    };

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;

    private static string? Truncate(string value, int max) => value.Length == 0 ? null : value.Length <= max ? value : value[..max];
}
