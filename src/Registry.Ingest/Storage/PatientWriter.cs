using System.Globalization;
using Dapper;
using Npgsql;
using Registry.Ingest.Immunization.Records;

namespace Registry.Ingest.Storage;

/// <summary>
/// Patients, identifiers and next of kin of one chunk: known patients (same facility, identifier
/// and authority) are updated with what the messages sent, new ones are copied in, and a new
/// patient whose family name, given name and birth date exactly match a patient of another
/// facility is flagged as a possible duplicate of it. A message whose patient content (with
/// identifiers and next of kin) is the content last applied to that patient changes nothing and
/// writes nothing (see <see cref="ContentHash"/>).
/// </summary>
internal static class PatientWriter
{
    private static readonly string Columns = string.Join(", ", PatientRow.TextColumns);

    // Staging tables for updates of known patients, created on first use in a file's
    // transaction: most small files only add, and creating them costs catalog writes.
    private const string StagePatientSql = """
        CREATE TEMP TABLE IF NOT EXISTS stage_patient (
            id bigint, id_type text, family_name text, given_name text, middle_name text, name_suffix text, mother_maiden_name text,
            sex text, ethnicity text, street text, street2 text, city text, state text, zip text, country text, county text,
            phone_area text, phone_local text, email text, multiple_birth text, death_indicator text, publicity_code text,
            protection_indicator text, registry_status text, birth_date date, races text[], birth_order integer, death_date date,
            clears integer, content_hash bytea, message_id bigint, line integer) ON COMMIT DROP;
        TRUNCATE stage_patient;
        """;

    private const string StageIdentifierSql = """
        CREATE TEMP TABLE IF NOT EXISTS stage_identifier (LIKE registry.patient_identifier) ON COMMIT DROP;
        TRUNCATE stage_identifier;
        """;

    private static readonly string[] KinValueColumns = ["street", "city", "state", "zip", "phone_area", "phone_local"];

    private const string StageKinSql = """
        CREATE TEMP TABLE IF NOT EXISTS stage_kin (patient_id bigint, relationship text, family_name text, given_name text, street text, city text,
            state text, zip text, phone_area text, phone_local text, file_id bigint, message_id bigint, line integer) ON COMMIT DROP;
        TRUNCATE stage_kin;
        """;

    /// <summary>
    /// Finds the chunk's patients: those of the chunk planned before it (not stored yet) as that
    /// plan left them, the others as stored; new ones get their ids. The only part that needs the
    /// connection.
    /// </summary>
    /// <param name="planned">The patients of the chunk planned last, by key, which its writes will store.</param>
    public static PatientLookup Lookup(NpgsqlConnection connection, NpgsqlTransaction transaction, SqlIds sqlIds, List<StagedMessage> messages, IReadOnlyDictionary<PatientKey, PatientRow> planned)
    {
        var stored = messages.Where(m => m.Result.Update is not null).ToList();
        var keys = stored.Select(KeyOf).Distinct().ToList();
        var rows = new Dictionary<PatientKey, PatientRow>();
        if (keys.Count == 0)
        {
            return new PatientLookup(stored, rows, []);
        }

        var unplanned = keys.Where(k => !planned.ContainsKey(k)).ToList();
        var existing = unplanned.Count == 0 ? [] : connection.Query<(long Id, string Facility, string Value, string Authority, byte[]? Hash)>(
            """
            SELECT p.id, p.sending_facility, p.id_value, p.id_authority, p.content_hash
            FROM registry.patient p
            JOIN unnest(@facilities, @values, @authorities) AS k(facility, value, authority)
              ON p.sending_facility = k.facility AND p.id_value = k.value AND p.id_authority = k.authority
            """,
            new { facilities = unplanned.Select(k => k.Facility).ToArray(), values = unplanned.Select(k => k.Value).ToArray(), authorities = unplanned.Select(k => k.Authority).ToArray() },
            transaction).ToDictionary(r => new PatientKey(r.Facility, r.Value, r.Authority));

        var newKeys = new List<PatientKey>();
        foreach (var key in keys)
        {
            if (planned.TryGetValue(key, out var before))
            {
                rows[key] = new PatientRow(key, before.Id, exists: true, before.Hash);
            }
            else if (existing.TryGetValue(key, out var row))
            {
                rows[key] = new PatientRow(key, row.Id, exists: true, row.Hash);
            }
            else
            {
                newKeys.Add(key);
            }
        }

        var newIds = sqlIds.Next("registry.patient", newKeys.Count);
        for (int i = 0; i < newKeys.Count; i++)
        {
            rows[newKeys[i]] = new PatientRow(newKeys[i], newIds[i], exists: false);
        }

        return new PatientLookup(stored, rows, newIds);
    }

    /// <summary>Decides and encodes the chunk's patient writes into <paramref name="writes"/>, without the connection.</summary>
    /// <param name="created">Receives the ids of the patients created, for <see cref="FlagPossibleDuplicates"/> once the file is done.</param>
    public static void Plan(ChunkWrites writes, long fileId, DateTimeOffset receivedAt, PatientLookup lookup, List<long> created)
    {
        var (stored, rows, newIds) = lookup;
        if (rows.Count == 0)
        {
            return;
        }

        // In message order, each message's content is applied unless it is the content last
        // applied to the patient (in an earlier file or chunk, or just before in this one). A
        // message that only deletes, about a patient the registry does not have yet, records
        // nothing: its deletes match nothing (204) and it creates no patient.
        var applied = new List<StagedMessage>();
        foreach (var message in stored)
        {
            var row = rows[KeyOf(message)];
            if (!row.Exists && !row.Changed && OnlyDeletes(message))
            {
                continue;
            }

            var hash = message.PatientDigest!;
            if (ContentHash.Same(hash, row.Hash))
            {
                continue;
            }

            row.Apply(message.Result.Update!.Patient, message.Id, LineOf(message));
            row.Hash = hash;
            row.Changed = true;
            applied.Add(message);
        }

        // A new patient only deletes named is not created; nor will the next chunk take it as planned.
        foreach (var unused in rows.Where(r => !r.Value.Exists && !r.Value.Changed).Select(r => r.Key).ToList())
        {
            rows.Remove(unused);
        }

        InsertNew(writes, fileId, receivedAt, rows.Values.Where(r => !r.Exists));
        UpdateExisting(writes, fileId, receivedAt, rows.Values.Where(r => r.Exists && r.Changed).ToList());
        created.AddRange(rows.Values.Where(r => !r.Exists).Select(r => r.Id));

        WriteIdentifiers(writes, fileId, applied, lookup.Ids, lookup.IsNew);
        WriteNextOfKin(writes, fileId, applied, lookup.Ids, lookup.IsNew);
    }

    private static bool OnlyDeletes(StagedMessage message) => message.Result.Update!.Vaccinations.All(v => v.ActionCode == "D");

    /// <summary>The digest of all one message says about a patient: demographics, identifiers and next of kin, as they would be stored.</summary>
    public static byte[] Digest(ContentHash digest, VaccinationUpdate update)
    {
        var alone = new PatientRow(KeyOf(update), 0, exists: false);
        alone.Apply(update.Patient, 0, 0);
        alone.WriteContent(digest, asNew: false);
        digest.WriteLong(update.Patient.Identifiers.Count);
        var identifiers = update.Patient.Identifiers;
        for (int at = 0; at < identifiers.Count; at++)
        {
            var identifier = identifiers[at];
            var (value, type, authority) = IdentifierValues(identifier);
            digest.WriteText(value);
            digest.WriteText(type);
            digest.WriteText(authority);
        }

        digest.WriteLong(update.NextOfKin.Count);
        var kinsSent = update.NextOfKin;
        for (int at = 0; at < kinsSent.Count; at++)
        {
            var kin = kinsSent[at];
            var (identity, values) = KinValues(kin);
            digest.WriteText(identity.Relationship);
            digest.WriteText(identity.Family);
            digest.WriteText(identity.Given);
            foreach (var value in values)
            {
                digest.WriteText(value);
            }
        }

        if (alone.Clears != PatientClears.None)
        {
            // Last, and only when set, so the digests of content without one stay what they were.
            digest.WriteLong((long)alone.Clears);
        }

        return digest.Finish();
    }

    private static (string Value, string Type, string Authority) IdentifierValues(PatientIdentifier identifier) =>
        (identifier.Value, identifier.Type ?? string.Empty, identifier.Authority ?? string.Empty);

    /// <summary>
    /// A next of kin's identity (patient left 0) and its other stored values: street, city, state,
    /// zip, phone area and number, by the update convention (null = not sent, "" = clear).
    /// </summary>
    private static (KinKey Key, string?[] Values) KinValues(NextOfKin kin)
    {
        var address = PostalAddress.Kept(kin.Addresses);
        var phone = PhoneNumber.Kept(kin.Phones);
        string?[] values =
        [
            PatientRow.Part(address, address?.Street), PatientRow.Part(address, address?.City), PatientRow.Part(address, address?.State), PatientRow.Part(address, address?.Zip),
            PatientRow.Part(phone, phone?.AreaCode), PatientRow.Part(phone, phone?.LocalNumber),
        ];
        return (new KinKey(0, kin.Relationship, Clean(kin.Name.Family) ?? string.Empty, Clean(kin.Name.Given) ?? string.Empty), values);
    }

    /// <summary>The line a patient's rows name: its PID's, else the message's first.</summary>
    private static int LineOf(StagedMessage message) =>
        message.Result.Update!.Patient.Line > 0 ? message.Result.Update.Patient.Line : message.Result.FirstLine;

    public static PatientKey KeyOf(StagedMessage message) => message.PatientKey ?? KeyOf(message.Result.Update!);

    public static PatientKey KeyOf(VaccinationUpdate update)
    {
        var id = update.Patient.PrimaryIdentifier;
        return new PatientKey(update.Header.SendingFacility, id.Value, id.Authority ?? string.Empty);
    }

    private static void InsertNew(ChunkWrites writes, long fileId, DateTimeOffset receivedAt, IEnumerable<PatientRow> rows)
    {
        using var copy = BinaryCopyWriter.Begin(
            writes,
            $"COPY registry.patient (id, sending_facility, id_value, id_authority, {Columns}, birth_date, races, birth_order, death_date, content_hash, created_file_id, created_message_id, updated_file_id, updated_message_id, updated_line, updated_at) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            copy.StartRow();
            copy.WriteLong(row.Id);
            copy.WriteText(row.Key.Facility);
            copy.WriteText(row.Key.Value);
            copy.WriteText(row.Key.Authority);
            row.WriteContent(copy, asNew: true);
            copy.WriteBytes(row.Hash);
            copy.WriteLong(fileId);
            copy.WriteLong(row.FirstMessageId);
            copy.WriteLong(fileId);
            copy.WriteLong(row.MessageId);
            copy.WriteInt(row.Line);
            copy.WriteInstant(receivedAt);
        }

        copy.Complete();
    }

    private static void UpdateExisting(ChunkWrites writes, long fileId, DateTimeOffset receivedAt, List<PatientRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        writes.Execute(StagePatientSql);
        using (var copy = BinaryCopyWriter.Begin(writes, $"COPY stage_patient (id, {Columns}, birth_date, races, birth_order, death_date, clears, content_hash, message_id, line) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                copy.StartRow();
                copy.WriteLong(row.Id);
                row.WriteContent(copy, asNew: false);
                copy.WriteInt((int)row.Clears);
                copy.WriteBytes(row.Hash);
                copy.WriteLong(row.MessageId);
                copy.WriteInt(row.Line);
            }

            copy.Complete();
        }

        // Not sent (null) keeps the stored value; "" clears it (a typed field: its bit in clears); anything else replaces it.
        var assignments = string.Join(",\n    ", PatientRow.TextColumns.Select(c => $"{c} = CASE WHEN s.{c} IS NULL THEN p.{c} ELSE NULLIF(s.{c}, '') END"));
        writes.Execute(
            $"""
            UPDATE registry.patient p SET
                {assignments},
                birth_date = s.birth_date,
                races = CASE WHEN s.clears & {(int)PatientClears.Races} <> 0 THEN NULL ELSE COALESCE(s.races, p.races) END,
                birth_order = CASE WHEN s.clears & {(int)PatientClears.BirthOrder} <> 0 THEN NULL ELSE COALESCE(s.birth_order, p.birth_order) END,
                death_date = CASE WHEN s.clears & {(int)PatientClears.DeathDate} <> 0 THEN NULL ELSE COALESCE(s.death_date, p.death_date) END,
                content_hash = s.content_hash,
                updated_file_id = @fileId, updated_message_id = s.message_id, updated_line = s.line, updated_at = @at
            FROM stage_patient s
            WHERE p.id = s.id
            """,
            new { fileId, at = receivedAt.UtcDateTime });
    }

    /// <summary>
    /// Once per file: one join from the file's new patients, not a lookup per patient. Any earlier
    /// patient with the same names and birth date is a match, of another facility or of the same
    /// one under another identifier (an EHR's second record of the patient).
    /// </summary>
    public static void FlagPossibleDuplicates(NpgsqlConnection connection, NpgsqlTransaction transaction, List<long> created)
    {
        var newIds = created.ToArray();
        if (newIds.Length == 0)
        {
            return;
        }

        // A join from the new patients only: the planner cannot rely on statistics for rows this
        // very transaction inserted, and a correlated subquery per row turned quadratic. Only an
        // earlier patient (lower id) is a match, so two new ones of a chunk never flag each other.
        connection.Execute(
            """
            UPDATE registry.patient p
            SET possible_duplicate_of = d.match
            FROM (
                SELECT n.id, min(q.id) AS match
                FROM registry.patient n
                JOIN registry.patient q
                  ON q.birth_date = n.birth_date AND lower(q.family_name) = lower(n.family_name) AND lower(q.given_name) = lower(n.given_name)
                WHERE n.id = ANY(@newIds) AND q.id < n.id
                GROUP BY n.id) d
            WHERE p.id = d.id
            """,
            new { newIds },
            transaction);
    }

    private static void WriteIdentifiers(ChunkWrites writes, long fileId, List<StagedMessage> stored, Dictionary<PatientKey, long> ids, HashSet<long> isNew)
    {
        // First sighting of each identifier wins (its provenance is where it was first sent).
        var rows = new Dictionary<IdentifierKey, (long MessageId, int Line)>();
        foreach (var message in stored)
        {
            long patientId = ids[KeyOf(message)];
            var identifiers = message.Result.Update!.Patient.Identifiers;
            for (int at = 0; at < identifiers.Count; at++)
            {
                var identifier = identifiers[at];
                var (value, type, authority) = IdentifierValues(identifier);
                rows.TryAdd(new IdentifierKey(patientId, value, type, authority), (message.Id, LineOf(message)));
            }
        }

        const string columns = "patient_id, value, type, authority, file_id, message_id, line";
        void Copy(string target, IEnumerable<KeyValuePair<IdentifierKey, (long MessageId, int Line)>> selection)
        {
            using var copy = BinaryCopyWriter.Begin(writes, $"COPY {target} ({columns}) FROM STDIN (FORMAT BINARY)");
            foreach (var ((patientId, value, type, authority), (messageId, line)) in selection)
            {
                copy.StartRow();
                copy.WriteLong(patientId);
                copy.WriteText(value);
                copy.WriteText(type);
                copy.WriteText(authority);
                copy.WriteLong(fileId);
                copy.WriteLong(messageId);
                copy.WriteInt(line);
            }

            copy.Complete();
        }

        // A patient created in this chunk has no identifiers yet: straight in. Known patients may.
        Copy("registry.patient_identifier", rows.Where(r => isNew.Contains(r.Key.PatientId)));
        var known = rows.Where(r => !isNew.Contains(r.Key.PatientId)).ToList();
        if (known.Count > 0)
        {
            writes.Execute(StageIdentifierSql);
            Copy("stage_identifier", known);
            writes.Execute($"INSERT INTO registry.patient_identifier ({columns}) SELECT {columns} FROM stage_identifier ON CONFLICT DO NOTHING");
        }
    }

    private static void WriteNextOfKin(ChunkWrites writes, long fileId, List<StagedMessage> stored, Dictionary<PatientKey, long> ids, HashSet<long> isNew)
    {
        // One row per (patient, relationship, name in any case). Within the chunk as across chunks,
        // the last message that names the person wins, spelling included, and a field it left
        // empty keeps the earlier value.
        var rows = new Dictionary<KinKey, (KinKey Sent, string?[] Values, long MessageId, int Line)>();
        foreach (var message in stored)
        {
            long patientId = ids[KeyOf(message)];
            var kins = message.Result.Update!.NextOfKin;
            for (int k = 0; k < kins.Count; k++)
            {
                var kin = kins[k];
                var (anyPatient, sent) = KinValues(kin);
                var key = anyPatient with { PatientId = patientId };
                if (rows.TryGetValue(key, out var earlier))
                {
                    for (int i = 0; i < sent.Length; i++)
                    {
                        sent[i] ??= earlier.Values[i];
                    }
                }

                rows[key] = (key, sent, message.Id, kin.Line);
            }
        }

        const string columns = "patient_id, relationship, family_name, given_name, street, city, state, zip, phone_area, phone_local, file_id, message_id, line";
        // A new row stores "" (clear) as null; a staged one keeps it for the update below.
        void Copy(string target, IEnumerable<KeyValuePair<KinKey, (KinKey Sent, string?[] Values, long MessageId, int Line)>> selection, bool staged)
        {
            using var copy = BinaryCopyWriter.Begin(writes, $"COPY {target} ({columns}) FROM STDIN (FORMAT BINARY)");
            foreach (var (_, ((patientId, relationship, family, given), v, messageId, line)) in selection)
            {
                copy.StartRow();
                copy.WriteLong(patientId);
                copy.WriteText(relationship);
                copy.WriteText(family);
                copy.WriteText(given);
                for (int i = 0; i < 6; i++)
                {
                    copy.WriteText(staged ? v[i] : Clean(v[i]));
                }

                copy.WriteLong(fileId);
                copy.WriteLong(messageId);
                copy.WriteInt(line);
            }

            copy.Complete();
        }

        Copy("registry.next_of_kin", rows.Where(r => isNew.Contains(r.Key.PatientId)), staged: false);
        var known = rows.Where(r => !isNew.Contains(r.Key.PatientId)).ToList();
        if (known.Count > 0)
        {
            writes.Execute(StageKinSql);
            Copy("stage_kin", known, staged: true);
            // Known people first (not sent keeps, "" clears), then the new ones ("" stored as null).
            writes.Execute(
                $"""
                UPDATE registry.next_of_kin n SET
                    {string.Join(", ", KinValueColumns.Select(c => $"{c} = CASE WHEN s.{c} IS NULL THEN n.{c} ELSE NULLIF(s.{c}, '') END"))},
                    family_name = s.family_name, given_name = s.given_name, file_id = s.file_id, message_id = s.message_id, line = s.line
                FROM stage_kin s
                WHERE n.patient_id = s.patient_id AND n.relationship = s.relationship
                  AND lower(n.family_name COLLATE "C") = lower(s.family_name COLLATE "C") AND lower(n.given_name COLLATE "C") = lower(s.given_name COLLATE "C");
                INSERT INTO registry.next_of_kin ({columns})
                SELECT patient_id, relationship, family_name, given_name, {string.Join(", ", KinValueColumns.Select(c => $"NULLIF({c}, '')"))}, file_id, message_id, line
                FROM stage_kin
                ON CONFLICT (patient_id, relationship, lower(family_name COLLATE "C"), lower(given_name COLLATE "C")) DO NOTHING
                """);
        }
    }

    private static string? Clean(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // Classes, not tuples, for the reason given on PatientKey.
    private sealed record IdentifierKey(long PatientId, string Value, string Type, string Authority);

    /// <summary>
    /// A next of kin's identity: names compared ignoring the case of ASCII letters only, exactly as
    /// the table's unique index (lower(... COLLATE "C")) compares them, so no two rows this writer
    /// keeps apart can collide there.
    /// </summary>
    private sealed record KinKey(long PatientId, string Relationship, string Family, string Given)
    {
        public bool Equals(KinKey? other) =>
            other is not null && PatientId == other.PatientId && Relationship == other.Relationship && SameLetters(Family, other.Family) && SameLetters(Given, other.Given);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(PatientId);
            hash.Add(Relationship);
            AddLetters(ref hash, Family);
            AddLetters(ref hash, Given);
            return hash.ToHashCode();
        }

        private static bool SameLetters(string a, string b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i] && !(char.IsAsciiLetter(a[i]) && (a[i] | 0x20) == (b[i] | 0x20)))
                {
                    return false;
                }
            }

            return true;
        }

        private static void AddLetters(ref HashCode hash, string text)
        {
            foreach (char c in text)
            {
                hash.Add(char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c);
            }
        }
    }
}
