using Registry.Ingest.Hl7.Tests.Support;

namespace Registry.Ingest.Hl7.Tests.Parsing;

public sealed class Hl7LocationTests
{
    private static IEnumerable<TestCaseData> Paths()
    {
        yield return Row("segment", s => s.Location.ToString(), "PID");
        yield return Row("field", s => s.Field(7).Location.ToString(), "PID-7");
        yield return Row("first component", s => s.Field(5).Component(1).Location.ToString(), "PID-5");
        yield return Row("component", s => s.Field(3).Component(4).Location.ToString(), "PID-3.4");
        yield return Row("repetition", s => s.Field(11).Repetition(2).Location.ToString(), "PID-11[2]");
        yield return Row("first sub-component", s => s.Field(3).Component(4).SubComponent(1).Location.ToString(), "PID-3.4");
        yield return Row("sub-component", s => s.Field(3).Component(4).SubComponent(2).Location.ToString(), "PID-3.4.2");
        yield return Row("sub-component of the first component", s => s.Field(3).SubComponent(2).Location.ToString(), "PID-3.1.2");
    }

    [TestCaseSource(nameof(Paths))]
    public string ToString_Location_ReadsAsInTheReport(Func<Hl7Segment, string> path) =>
        path(Messages.Segment("PID|1||12345^^^CLINIC&2.16.840&ISO^MR"));

    [Test]
    public void WithComponent_FieldLocation_PointsAtThatComponentOfTheFirstRepetition() =>
        Assert.That(new Hl7Location("RXA", 2, 5, Line: 9).WithComponent(3), Is.EqualTo(new Hl7Location("RXA", 2, 5, 1, 3, 0, 9)));

    private static TestCaseData Row(string name, Func<Hl7Segment, string> path, string expected) =>
        new TestCaseData(path).Returns(expected).SetArgDisplayNames(name);
}
