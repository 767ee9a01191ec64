namespace Tally.Web.Infrastructure;

/// <summary>
/// The exception to the app's custom plans (ADR 0019): statements whose plan is the same whatever
/// the studio's size, and whose planning costs more than their execution, run with the generic plan
/// of their prepared statement. Sent in the same batch as the statement, so no round trip is added;
/// SET LOCAL ends with the request's transaction, and <see cref="Custom"/> restores the app's
/// setting for anything after the batch in it.
/// </summary>
internal static class PlanChoice
{
    public const string Generic = "SET LOCAL plan_cache_mode = force_generic_plan";

    public const string Custom = "SET LOCAL plan_cache_mode = force_custom_plan";

    /// <summary>One statement run with its generic plan, as a batch.</summary>
    public static string Generically(string sql) => $"{Generic};\n{sql};\n{Custom}";
}
