namespace Tally.Web.Features.Workflow;

/// <summary>
/// The stages of a lead, in pipeline order (the CHECK of leads.workflow_stage). Which moves are
/// allowed is the database's to say: workflow.allowed_transitions().
/// </summary>
public static class WorkflowStages
{
    public static readonly IReadOnlyList<string> Lead =
        ["inquiry", "contacted", "consultation", "proposal_sent", "booked", "completed", "lost", "archived"];

    public static string Label(string stage) => stage switch
    {
        "proposal_sent" => "Proposal sent",
        _ => char.ToUpperInvariant(stage[0]) + stage[1..],
    };
}
