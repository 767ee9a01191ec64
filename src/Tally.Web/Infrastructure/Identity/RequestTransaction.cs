using Npgsql;

namespace Tally.Web.Infrastructure.Identity;

/// <summary>Wires <see cref="TallyDb"/> into the request: claims from the signed-in principal, commit before the response.</summary>
public static class RequestTransaction
{
    public static IServiceCollection AddTallyRequestDatabase(this IServiceCollection services) =>
        services.AddHttpContextAccessor().AddScoped(sp =>
        {
            var http = sp.GetRequiredService<IHttpContextAccessor>().HttpContext
                ?? throw new InvalidOperationException("TallyDb is per request; background work uses TallyDb.ForSystem.");
            return new TallyDb(sp.GetRequiredService<NpgsqlDataSource>(), RequestClaims.From(http));
        });

    /// <summary>
    /// Runs after authentication. Commits as the response starts (a failed commit becomes a 500,
    /// never a success the data does not back), or at the end for responses without a body; rolls
    /// back when the request throws. A request that never touched the database opens nothing.
    /// </summary>
    public static IApplicationBuilder UseRequestTransaction(this IApplicationBuilder app) =>
        app.Use(static async (context, next) =>
        {
            var db = context.RequestServices.GetRequiredService<TallyDb>();
            context.Response.OnStarting(static state => ((TallyDb)state).CommitAsync(), db);
            try
            {
                await next(context);
                await db.CommitAsync(context.RequestAborted);
            }
            catch
            {
                await db.RollbackAsync();
                throw;
            }
        });
}
