namespace Tally.Web.Features.Timelines;

/// <summary>The fields of the template form on /timeline-templates.</summary>
public sealed class TemplateForm
{
    public Guid? Id { get; set; }

    public string? Version { get; set; }

    public string? SessionType { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool IsDefault { get; set; }

    /// <summary>One step a line: "Questionnaire sent: -30".</summary>
    public string? Steps { get; set; }
}
