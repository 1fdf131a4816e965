using Registry.Ingest.Acks;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Tests.Acks;

/// <summary>ERR-8 as the clinic's interface engine gets it: the problem, the fix when it fits, always the rule id.</summary>
[TestFixture]
internal sealed class AckFactoryTests
{
    [Test]
    public void UserMessage_ProblemAndFixFit_HoldsBothAndTheRuleId()
    {
        var issue = new ValidationIssue(Rules.LotNumberMissing, Severity.Warning, null, null, Rules.LotNumberMissing.Problem);

        Assert.That(AckFactory.UserMessage(issue), Is.EqualTo($"{Rules.LotNumberMissing.Problem} Fix: {Rules.LotNumberMissing.Fix} [rxa-15-missing]"));
    }

    [TestCase(Severity.Error, "Error: ")]
    [TestCase(Severity.Warning, "Warning: ")]
    [TestCase(Severity.Information, "Info: ")]
    public void UserMessage_Version231_StartsWithTheSeverityThatItsErrHasNoFieldFor(Severity severity, string label)
    {
        var issue = new ValidationIssue(Rules.LotNumberMissing, severity, null, null, Rules.LotNumberMissing.Problem);

        Assert.That(AckFactory.UserMessage(issue, version231: true), Does.StartWith(label + Rules.LotNumberMissing.Problem).And.EndWith(" [rxa-15-missing]"));
        Assert.That(AckFactory.UserMessage(issue), Does.StartWith(Rules.LotNumberMissing.Problem), "2.5.1 has ERR-4");
    }

    [Test]
    public void UserMessage_Version231ProblemAloneTooLong_KeepsTheSeverityAndTheRuleIdWithin250()
    {
        var detail = "line 3: " + string.Join(' ', Enumerable.Repeat("segment", 60));
        var issue = new ValidationIssue(Rules.MessageUnparseable, Severity.Error, null, null, string.Format(System.Globalization.CultureInfo.InvariantCulture, Rules.MessageUnparseable.Problem, detail));

        var message = AckFactory.UserMessage(issue, version231: true);

        Assert.That(message, Has.Length.LessThanOrEqualTo(Hl7AckError.MaxUserMessageLength));
        Assert.That(message, Does.StartWith("Error: The message could not be read").And.EndWith("... [message-unparseable]"));
    }

    [Test]
    public void UserMessage_ProblemAndFixTooLong_LeavesTheFixToTheReport()
    {
        var rule = Rules.EligibilityMissing;
        Assert.That($"{rule.Problem} Fix: {rule.Fix} [{rule.Id}]", Has.Length.GreaterThan(Hl7AckError.MaxUserMessageLength), "the case needs a rule whose text and fix are long");
        var issue = new ValidationIssue(rule, Severity.Warning, null, null, rule.Problem);

        Assert.That(AckFactory.UserMessage(issue), Is.EqualTo($"{rule.Problem} [{rule.Id}]"));
    }

    [Test]
    public void UserMessage_ProblemAloneTooLong_IsShortenedButKeepsTheRuleId()
    {
        var detail = "line 3: " + string.Join(' ', Enumerable.Repeat("segment", 60));
        var issue = new ValidationIssue(Rules.MessageUnparseable, Severity.Error, null, null, string.Format(System.Globalization.CultureInfo.InvariantCulture, Rules.MessageUnparseable.Problem, detail));

        var message = AckFactory.UserMessage(issue);

        Assert.That(message, Has.Length.LessThanOrEqualTo(Hl7AckError.MaxUserMessageLength));
        Assert.That(message, Does.StartWith("The message could not be read: line 3: segment").And.EndWith("... [message-unparseable]"));
    }

    [Test]
    public void UserMessage_ProblemQuotingDelimiters_FitsOnceEscapedAndKeepsTheRuleId()
    {
        // 241 characters as text, 331 once each '&' is written \T\: the profile's 250 is the written length.
        var detail = "line 3: " + string.Join(' ', Enumerable.Repeat("a&b", 45));
        var issue = new ValidationIssue(Rules.MessageUnparseable, Severity.Error, null, null, string.Format(System.Globalization.CultureInfo.InvariantCulture, Rules.MessageUnparseable.Problem, detail));
        Assert.That(issue.Text.Length + " [message-unparseable]".Length, Is.LessThanOrEqualTo(Hl7AckError.MaxUserMessageLength), "the case needs a text that fits until escaped");

        var message = AckFactory.UserMessage(issue);

        Assert.That(Hl7Escaping.Encode(message, Hl7Delimiters.Default), Has.Length.LessThanOrEqualTo(Hl7AckError.MaxUserMessageLength), message);
        Assert.That(message, Does.StartWith("The message could not be read: line 3: a&b").And.EndWith("... [message-unparseable]"));
    }

    [TestCase(250)]
    [TestCase(40)]
    public void ShortenWritten_TextOfDelimiters_IsCutToTheWrittenLength(int max)
    {
        var text = string.Concat(Enumerable.Repeat("^~|&\\ x", 60));

        var shortened = Hl7AckError.ShortenWritten(text, max);

        Assert.That(Hl7AckError.WrittenLength(shortened), Is.LessThanOrEqualTo(max).And.GreaterThan(max - 40));
        Assert.That(shortened, Does.EndWith("..."));
        Assert.That(text, Does.StartWith(shortened[..^3]));
    }
}
