namespace Tally.Data.Cluster;

/// <summary>The database roles Tally expects. Migrations grant to <see cref="App"/> by this name.</summary>
public static class Roles
{
    /// <summary>Owns the database and its objects; runs migrations and seeds; BYPASSRLS.</summary>
    public const string Owner = "tally_owner";

    /// <summary>What the web app connects as: not owner, not superuser, no BYPASSRLS.</summary>
    public const string App = "tally_app";

    public const string Database = "tally";
}
