namespace Tally.Data.Seeding;

/// <summary>Progress of a seed: rows of <paramref name="Table"/> written so far, out of <paramref name="Total"/>.</summary>
public sealed record SeedProgress(string Table, long Done, long Total);

/// <summary>A sign-in of the demo data, printed by the CLI so a person can try the app.</summary>
public sealed record DemoLogin(string StudioSlug, string Email, string Password, string Role);
