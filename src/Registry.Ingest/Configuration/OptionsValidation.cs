using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Configuration;

/// <summary>Binds a section strictly and checks its data annotations: a bad value fails at start, naming the key.</summary>
internal static class OptionsValidation
{
    public static T BindValid<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        var options = PipelineFactory.Bind<T>(configuration, section);
        Validate(options, section);
        return options;
    }

    public static void Validate(object options, string prefix)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var first = results[0];
            var key = first.MemberNames.FirstOrDefault() ?? "?";
            throw new InvalidOperationException($"{prefix}:{key}: {first.ErrorMessage}");
        }
    }
}
