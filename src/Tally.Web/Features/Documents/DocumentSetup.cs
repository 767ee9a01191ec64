using Microsoft.Extensions.Options;
using Tally.Data.Cluster;

namespace Tally.Web.Features.Documents;

internal static class DocumentSetup
{
    public static IServiceCollection AddTallyDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DocumentSettings>()
            .Bind(configuration.GetSection(DocumentSettings.Section))
            .PostConfigure(s =>
            {
                // The CLI starts the app with TALLY_HOME set; a host without it keeps files beside the repository's .tally.
                if (string.IsNullOrWhiteSpace(s.Directory))
                {
                    s.Directory = Path.Combine(TallyHome.FromEnvironment().Root, "documents");
                }
            })
            .Validate(s => s.MaxBytes > 0, "Documents:MaxBytes must be a positive number of bytes.");
        services.AddSingleton(sp => new DocumentStore(sp.GetRequiredService<IOptions<DocumentSettings>>().Value));
        return services;
    }
}
