namespace Registry.Ingest.Storage;

/// <summary>A patient's identity: sending facility (MSH-4), identifier (PID-3.1) and its assigning authority (PID-3.4).</summary>
internal readonly record struct PatientKey(string Facility, string Value, string Authority);
