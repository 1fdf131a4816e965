using Registry.Ingest.Acks;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;

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

        Assert.That(AckFactory.UserMessage(issue, version231: true), Does.StartWith(label + "The lot number (RXA-15)").And.EndWith(" [rxa-15-missing]"));
        Assert.That(AckFactory.UserMessage(issue), Does.StartWith(Rules.LotNumberMissing.Problem), "2.5.1 has ERR-4");
    }

    [Test]
    public void UserMessage_Version231ProblemAloneTooLong_KeepsTheSeverityAndTheRuleIdWithinErr1sLength()
    {
        var detail = "line 3: " + string.Join(' ', Enumerable.Repeat("segment", 60));
        var at = new Hl7Location("MSH", 1);
        var issue = new ValidationIssue(Rules.MessageUnparseable, Severity.Error, at, null, string.Format(System.Globalization.CultureInfo.InvariantCulture, Rules.MessageUnparseable.Problem, detail));

        var message = AckFactory.UserMessage(issue, version231: true);

        // ERR-1 is 80 long in 2.3.1: MSH^1^^207& and &HL70357 leave the text 60.
        Assert.That(message, Has.Length.LessThanOrEqualTo(80 - "MSH^1^^207&&HL70357".Length));
        Assert.That(message, Does.StartWith("Error: The message").And.EndWith("... [message-unparseable]"));
    }

    [Test]
    public void Create_Version231MessageWithManyIssues_KeepsEachErr1RepetitionWithin80()
    {
        var message = Registry.Ingest.Tests.Support.SampleVxu.Valid231()
            .With("PID-3", "").With("PID-7", "20241345").With("RXA-5", "90700^DTaP^CPT").With("RXA-15", "").With("RXR-1", "XX^Bad^HL70162")
            .With("OBX[1]-5", "V99^Unknown^HL70064");
        var parsed = Hl7Message.Parse(message.Text).Message!;
        var result = Registry.Ingest.Tests.Support.VxuValidation.Validate(message);

        var ack = new Hl7AckWriter(new Hl7AckOptions()).Write(AckFactory.Create(parsed, result, "R1", DateTimeOffset.UnixEpoch));

        var err = ack.Split('\r').Single(s => s.StartsWith("ERR|", StringComparison.Ordinal));
        var repetitions = err["ERR|".Length..].Split('~');
        Assert.That(repetitions, Has.Length.EqualTo(result.Issues.Count).And.Length.GreaterThan(3));
        Assert.That(repetitions, Has.All.Length.LessThanOrEqualTo(80));
        Assert.That(repetitions, Has.All.Match(@"\[[a-z0-9-]+\]&HL70357$"), "each keeps its rule id");
    }

    [Test]
    public void Create_Version231InformationWithCode0_KeepsItsErr1RepetitionWithin80()
    {
        // Code 0 is written ("0&Info: ...&HL70357"): it takes its character like any other code.
        var message = Registry.Ingest.Tests.Support.SampleVxu.Valid231().With("RXA-20", "RE").With("RXA-18", "00^Parental decision^NIP002");
        var parsed = Hl7Message.Parse(message.Text).Message!;
        var result = Registry.Ingest.Tests.Support.VxuValidation.Validate(message);
        Assert.That(result.Issues.Select(i => (i.Rule.Id, i.Hl7ErrorCode)), Has.Member(("rxa-20-refused", 0)));

        var ack = new Hl7AckWriter(new Hl7AckOptions()).Write(AckFactory.Create(parsed, result, "R1", DateTimeOffset.UnixEpoch));

        var err = ack.Split('\r').Single(s => s.StartsWith("ERR|", StringComparison.Ordinal));
        var refused = err["ERR|".Length..].Split('~').Single(r => r.Contains("[rxa-20-refused]", StringComparison.Ordinal));
        Assert.That(refused, Does.Contain("^0&Info: "));
        Assert.That(refused, Has.Length.LessThanOrEqualTo(80));
    }

    [Test]
    public void Create_IssuesFoundOutOfLineOrder_ListsThemInLineAndFieldOrderWithinEachSeverity()
    {
        // The checks find RXA-21 before RXA-15..17 and an OBX before its RXA's lot: the ERR
        // segments follow the message from top to bottom, as the report does.
        var message = Registry.Ingest.Tests.Support.SampleVxu.Valid251()
            .With("RXA-15", "").With("RXA-17", "").With("RXA-21", "").With("OBX[1]-5", "V99^Unknown^HL70064");
        var parsed = Hl7Message.Parse(message.Text).Message!;
        var result = Registry.Ingest.Tests.Support.VxuValidation.Validate(message);

        var ack = new Hl7AckWriter(new Hl7AckOptions()).Write(AckFactory.Create(parsed, result, "R1", DateTimeOffset.UnixEpoch));

        var locations = ack.Split('\r').Where(s => s.StartsWith("ERR|", StringComparison.Ordinal)).Select(s => s.Split('|')[2]).ToList();
        Assert.That(locations, Has.Count.GreaterThanOrEqualTo(4));
        var rxa = locations.Where(l => l.StartsWith("RXA^", StringComparison.Ordinal)).Select(l => int.Parse(l.Split('^')[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(rxa, Is.EqualTo(new[] { 15, 17, 21 }));
        Assert.That(locations.IndexOf(locations.First(l => l.StartsWith("OBX^", StringComparison.Ordinal))), Is.GreaterThan(locations.FindLastIndex(l => l.StartsWith("RXA^", StringComparison.Ordinal))));
    }

    [TestCase(Severity.Error, "This registry does not take such records")]
    [TestCase(Severity.Warning, "This registry's rules flag such records")]
    public void Create_InformationRaisedByConfiguration_GetsACodeAndFixOfItsSeverity(Severity raised, string fix)
    {
        var message = Registry.Ingest.Tests.Support.SampleVxu.TwoVaccinations251().With("RXA[2]-9", "01^Historical information - source unspecified^NIP001");
        var parsed = Hl7Message.Parse(message.Text).Message!;
        var options = new ValidationOptions { Severity = { ["rxa-9-historical"] = raised == Severity.Error ? "E" : "W" } };
        var result = Registry.Ingest.Tests.Support.VxuValidation.Validate(message, options);

        var ack = new Hl7AckWriter(new Hl7AckOptions()).Write(AckFactory.Create(parsed, result, "R1", DateTimeOffset.UnixEpoch));

        var err = ack.Split('\r').Single(s => s.Contains("[rxa-9-historical]", StringComparison.Ordinal)).Split('|');
        Assert.That((err[3], err[4], err[5]), Is.EqualTo(("103^Table value not found^HL70357", raised == Severity.Error ? "E" : "W", "4^Invalid value^HL70533")));
        Assert.That(err[8], Does.Contain("Fix: " + fix).And.Not.Contain("Nothing to fix"));
        Assert.That(result.AckCode, Is.EqualTo(raised == Severity.Error ? AckCode.AE : AckCode.AA));
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
