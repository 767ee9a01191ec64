using Microsoft.OpenApi;

namespace Tally.Web.Features.Documents;

/// <summary>
/// The multipart body of the upload endpoints, for the OpenAPI document. The endpoints read the form
/// themselves (size first, then antiforgery), so there is no IFormFile parameter to describe it.
/// </summary>
internal static class DocumentOpenApi
{
    public static OpenApiRequestBody UploadBody(bool withKind)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            [DocumentUpload.FileField] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The file: " + DocumentContent.AcceptedList + "." },
            [DocumentUpload.NameField] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1000, Description = "The name to show; the file's own name when absent. Cleaned of paths and control characters." },
        };
        if (withKind)
        {
            properties[DocumentUpload.KindField] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "contract, invoice, questionnaire, shot_list, model_release, moodboard or other (the default).",
                Enum = [.. DocumentOwners.Kinds.Select(k => (System.Text.Json.Nodes.JsonNode)k)],
            };
        }
        return new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["multipart/form-data"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = properties,
                        Required = new HashSet<string>(StringComparer.Ordinal) { DocumentUpload.FileField },
                    },
                },
            },
        };
    }
}
