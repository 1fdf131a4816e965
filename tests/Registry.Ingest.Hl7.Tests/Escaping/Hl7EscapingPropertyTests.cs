using FsCheck.Fluent;
using Registry.Ingest.Hl7.Tests.Support;

namespace Registry.Ingest.Hl7.Tests.Escaping;

public sealed class Hl7EscapingPropertyTests
{
    [Test]
    public void DecodeOfEncode_AnyStringDefaultDelimiters_GivesTheString() =>
        PropertyCheck.ForAll(Hl7Gen.AnyStrings, value =>
            Assert.That(Hl7Escaping.Decode(Hl7Escaping.Encode(value, Hl7Delimiters.Default), Hl7Delimiters.Default), Is.EqualTo(value)));

    [Test]
    public void DecodeOfEncode_AnyStringAnyDelimiters_GivesTheString() =>
        PropertyCheck.ForAll(Hl7Gen.ValuesWithDelimiters, pair =>
            Assert.That(Hl7Escaping.Decode(Hl7Escaping.Encode(pair.Value, pair.Delimiters), pair.Delimiters), Is.EqualTo(pair.Value)));

    [Test]
    public void Encode_AnyString_LeavesNoDelimiterOrLineBreakInTheText() =>
        PropertyCheck.ForAll(Hl7Gen.ValuesWithDelimiters, pair =>
        {
            var d = pair.Delimiters;
            string encoded = Hl7Escaping.Encode(pair.Value, d);
            char[] forbidden = d.Truncation == '\0'
                ? [d.Field, d.Component, d.Repetition, d.SubComponent, '\r', '\n', '\f']
                : [d.Field, d.Component, d.Repetition, d.SubComponent, d.Truncation, '\r', '\n', '\f'];

            Assert.That(encoded.IndexOfAny(forbidden), Is.EqualTo(-1), () => $"encoded as '{encoded}'");
        });

    [Test]
    public void Decode_AnyTextAnyDelimiters_NeverThrows() =>
        PropertyCheck.ForAll(Hl7Gen.ValuesWithDelimiters, pair =>
            Assert.That(() => Hl7Escaping.Decode(pair.Value, pair.Delimiters), Throws.Nothing));

    [Test]
    public void Decode_TextWithoutEscapeCharacter_IsTheTextItself() =>
        PropertyCheck.ForAll(Hl7Gen.AnyStrings.Filter(value => !value.Contains('\\', StringComparison.Ordinal)), value =>
            Assert.That(Hl7Escaping.Decode(value, Hl7Delimiters.Default), Is.EqualTo(value)));
}
