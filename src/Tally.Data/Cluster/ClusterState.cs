using System.Security.Cryptography;
using System.Text.Json;

namespace Tally.Data.Cluster;

/// <summary>What a local cluster needs to be found again: its port and the role passwords.</summary>
public sealed record ClusterState(int Port, string OwnerPassword, string AppPassword)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static ClusterState? Load(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(file)) : null;

    public static ClusterState New(int port) => new(port, Secret(), Secret());

    public void Save(string file)
    {
        File.WriteAllText(file, JsonSerializer.Serialize(this, Json));
        // Passwords inside: readable by the one who runs ./tally only.
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
}
