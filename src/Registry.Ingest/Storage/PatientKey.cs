namespace Registry.Ingest.Storage;

/// <summary>A patient's identity: sending facility (MSH-4), identifier (PID-3.1) and its assigning authority (PID-3.4).</summary>
/// <remarks>
/// A class, not a struct: a chunk's dictionaries of keys then stay under the large object heap
/// threshold (85,000 bytes), where struct keys put them, and each chunk cost a full (gen 2) GC.
/// </remarks>
internal sealed record PatientKey(string Facility, string Value, string Authority);
