using Tally.Tests.Web;

namespace Tally.Tests.Identity;

/// <summary>
/// The app for the identity tests: the per-IP limit of the sign-in forms lifted (every test request
/// comes from the same address; <see cref="ThrottledWebFactory"/> tests the limit itself).
/// </summary>
public class IdentityWebFactory : TallyWebFactory
{
    protected override void AddSettings(IDictionary<string, string?> settings) =>
        settings["Tally:SignIn:IpPermitLimit"] = "1000000";
}

/// <summary>The app with the production limits of the sign-in forms.</summary>
public sealed class ThrottledWebFactory : TallyWebFactory;
