namespace Tally.Web.Features.Identity.Pages;

/// <summary>The fields of the sign-in form (posted as Input.Email and Input.Password).</summary>
public sealed class SignInInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}

/// <summary>The fields of the forgotten-password form.</summary>
public sealed class ForgotPasswordInput
{
    public string? Email { get; set; }
}

/// <summary>The fields of the forms that choose a password (reset, accepting an invitation).</summary>
public sealed class NewPasswordInput
{
    public string? FullName { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}
