using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;

namespace Registry.Ingest.Storage;

/// <summary>
/// Vaccinations of one chunk, applied in message order: A adds, or updates when the vaccination
/// is known (undeleting it); U updates (adds when unknown); D marks it deleted, kept for audit.
/// A D that matches nothing is reported back (204). A vaccination sent again replaces, of its
/// stored observations, those of the codes (OBX-3) it sends, and keeps the others: a message is
/// part of a history, never a snapshot, so what it leaves out is not deleted (its VIS codes count
/// as one: any of them replaces the VIS documents). A vaccination sent again with the content it last got
/// (fields, observations and VIS; see <see cref="ContentHash"/>) changes nothing and writes nothing.
/// </summary>
internal static class VaccinationWriter
{
    private const string Columns =
        "patient_id, sending_facility, filler_order_id, filler_order_authority, placer_order_id, cvx_code, administered_on, administered_at, amount, amount_units, " +
        "information_source, lot_number, expiration_date, mvx_code, administering_provider_id, administering_provider, ordering_provider_id, administered_at_facility, " +
        "refusal_reason, completion_status, action_code, route, site, vfc_eligibility, funding_source, deleted_at, file_id, message_id, line, received_at";

    // Created on first use in a file's transaction, like PatientWriter's staging tables.
    private const string StageSql = """
        CREATE TEMP TABLE IF NOT EXISTS stage_vaccination (LIKE registry.vaccination INCLUDING DEFAULTS, clears integer) ON COMMIT DROP;
        TRUNCATE stage_vaccination;
        """;

    private const string ObservationColumns =
        "vaccination_id, ordinal, set_id, value_type, code, code_text, sub_id, value, value_text, value_coding_system, observed_at, method, file_id, message_id, line";

    private const string StageObservationsSql = """
        CREATE TEMP TABLE IF NOT EXISTS stage_observation (LIKE registry.observation) ON COMMIT DROP;
        TRUNCATE stage_observation;
        """;

    /// <summary>
    /// Finds the vaccination each of the chunk's messages names, as stored: by ORC-3, else by
    /// patient, vaccine and date (see <see cref="Resolve"/>); a patient new in this chunk has none
    /// to look up. Ids are taken for every vaccination not known yet. The only part that needs the
    /// connection, which must hold what the chunks before this one stored for these patients
    /// (<see cref="Touches"/>).
    /// </summary>
    /// <param name="patients">The id of every patient of the chunk (<see cref="PatientLookup"/>).</param>
    /// <param name="newPatients">The patients new in this chunk.</param>
    public static VaccinationLookup Lookup(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SqlIds ids, List<StagedMessage> messages, IReadOnlyDictionary<PatientKey, long> patients,
        IReadOnlySet<long> newPatients)
    {
        var stored = messages.Where(m => m.Result.Update is not null).ToList();
        var keyed = new List<(StagedMessage Message, long PatientId, Vaccination Vaccination, VaccinationKey Key, byte[] Digest)>();
        foreach (var message in stored)
        {
            long patientId = patients[PatientWriter.KeyOf(message)];
            var facility = message.Result.Update!.Header.SendingFacility;
            var vaccinations = message.Result.Update.Vaccinations;
            for (int i = 0; i < vaccinations.Count; i++)
            {
                var v = vaccinations[i];
                var key = v.FillerOrderId is not null
                    ? VaccinationKey.ByOrderNumber(facility, v.FillerOrderId, v.FillerOrderAuthority ?? string.Empty, patientId)
                    : VaccinationKey.ByEvent(patientId, v.CvxCode, DateOnly.FromDateTime(v.AdministeredAt));
                keyed.Add((message, patientId, v, key, message.VaccinationDigests[i]));
            }
        }

        // Stored rows, one state each: by ORC-3; then by patient, vaccine and date for those sent
        // without ORC-3 and those whose ORC-3 is not stored (yet).
        var rows = new Dictionary<long, VaccinationState>();
        var looked = keyed.Where(k => !newPatients.Contains(k.PatientId)).ToList();
        var byOrderNumber = new Dictionary<(string?, string?, long), List<VaccinationState>>();
        var foundByOrder = FindByOrder(connection, transaction, looked.Where(k => k.Key.ByOrder).Select(k => k.Key).Distinct().ToList(), rows, byOrderNumber);
        var events = looked.Where(k => !foundByOrder.Contains(k.Key)).Select(k => EventOf(k.PatientId, k.Vaccination)).Distinct().ToList();
        var byEvent = FindByEvent(connection, transaction, events, rows);
        var states = Resolve(keyed, byOrderNumber, byEvent, out var otherVaccine);
        return new VaccinationLookup(keyed, states, ids.Next("registry.vaccination", states.Distinct().Count(s => s.StoredId is null))) { OtherVaccine = otherVaccine };
    }

    /// <summary>
    /// Whether the chunk has vaccinations of patients whose vaccinations the chunk planned last
    /// (not stored yet) sends: then that one must be stored first, so that these are looked up as
    /// it leaves them. Rare in a big file, whose consecutive chunks are of other patients.
    /// </summary>
    public static bool Touches(List<StagedMessage> messages, IReadOnlyDictionary<PatientKey, long> patients, IReadOnlySet<long> plannedPatients) =>
        plannedPatients.Count > 0 && messages.Any(m => m.Result.Update is not null && plannedPatients.Contains(patients[PatientWriter.KeyOf(m)]));

    /// <summary>The patients whose vaccinations a chunk's plan sends (for <see cref="Touches"/>).</summary>
    public static HashSet<long> Patients(VaccinationLookup lookup) => lookup.Keyed.Select(k => k.PatientId).ToHashSet();

    /// <summary>
    /// The vaccination each sending of the chunk names, in message order, as the messages would
    /// find them one file at a time. An ORC-3 names the vaccination stored with it; one not stored
    /// yet names the vaccination of the same patient, vaccine and date stored without one, which
    /// then takes it (an EHR that starts sending order numbers). Without ORC-3, the vaccination of
    /// the patient, vaccine and date: the one without ORC-3, else the first with one (an EHR that
    /// sends an order number once and not again, or the NDIIS examples' ORC-3 reused for two
    /// vaccines, which names neither); one not deleted before one deleted, so that a dose deleted
    /// and entered again under a new order number is the one a later sending names. "First" is
    /// the order of the rows' ids, stored or new, as a lookup in a later file would see them.
    /// What an add or update does is seen by the sendings after it: a vaccination it adds is
    /// found as a stored one is, one it gives an ORC-3 has it, one it moves to another vaccine or
    /// date (by its ORC-3) is found there; what a delete deletes is deleted for them. A delete
    /// that names nothing names nothing for the sendings after it either. The sendings of one
    /// message with one key name one vaccination.
    /// An ORC-3 sent once with its assigning authority and once without is one order number: the
    /// one without names the vaccination stored with it under any authority (the same authority
    /// first), and the one with names a vaccination stored with it and no authority. Which
    /// authority a vaccination holds is followed through the chunk (one stored without takes the
    /// first sent), so <paramref name="byOrderNumber"/> holds every stored row found by number,
    /// not only the one each key found before the chunk changed them.
    /// An ORC-3 that names a vaccination of another vaccine is noted in
    /// <paramref name="otherVaccine"/> (by sending), with the vaccine and date it held.
    /// </summary>
    private static List<VaccinationState> Resolve(
        List<(StagedMessage Message, long PatientId, Vaccination Vaccination, VaccinationKey Key, byte[] Digest)> keyed,
        Dictionary<(string?, string?, long), List<VaccinationState>> byOrderNumber,
        Dictionary<(long, string, DateOnly), List<VaccinationState>> byEvent,
        out Dictionary<int, (string Cvx, DateOnly Day)>? otherVaccine)
    {
        otherVaccine = null;

        var states = new List<VaccinationState>(keyed.Count);
        var sameMessage = new Dictionary<VaccinationKey, VaccinationState>();
        var deletedNow = new Dictionary<VaccinationState, bool>(); // as the sendings so far left it
        bool Deleted(VaccinationState s) => deletedNow.TryGetValue(s, out bool deleted) ? deleted : s.StoredDeleted;
        int created = 0;
        StagedMessage? message = null;
        for (int i = 0; i < keyed.Count; i++)
        {
            var (sent, patientId, v, key, _) = keyed[i];
            if (sent != message)
            {
                message = sent;
                sameMessage.Clear();
            }

            var identity = EventOf(patientId, v);
            if (!sameMessage.TryGetValue(key, out var state))
            {
                byEvent.TryGetValue(identity, out var sameEvent);
                var byNumber = key.ByOrder ? SameOrderNumber(byOrderNumber, key) : null;
                if (byNumber?.Identity is { } held && held.Cvx != v.CvxCode)
                {
                    (otherVaccine ??= [])[i] = (held.Cvx, held.Day);
                }

                state = (key.ByOrder
                    ? byNumber ?? sameEvent?.Find(s => !s.HasOrder)
                    : sameEvent?.Find(s => !s.HasOrder && !Deleted(s)) ?? sameEvent?.Find(s => !Deleted(s))
                        ?? sameEvent?.Find(s => !s.HasOrder) ?? sameEvent?.FirstOrDefault())
                    ?? new VaccinationState(null, false) { Created = ++created };
                sameMessage[key] = state;
            }

            states.Add(state);
            if (v.ActionCode == "D")
            {
                if (state.StoredId is not null || state.Identity is not null)
                {
                    deletedNow[state] = true; // stored, or added by a sending before
                }

                continue;
            }

            deletedNow[state] = false;

            if (key.ByOrder)
            {
                state.HasOrder = true;
                if (string.IsNullOrEmpty(state.OrderAuthority))
                {
                    state.OrderAuthority = key.FillerAuthority; // an authority sent once is kept (see Assignment)
                }

                AddOrderNumber(byOrderNumber, key, state);
            }

            if (state.Identity is { } before && before != identity && byEvent.TryGetValue(before, out var left))
            {
                left.Remove(state);
            }

            state.Identity = identity;
            var here = byEvent.TryGetValue(identity, out var list) ? list : byEvent[identity] = [];
            if (!here.Contains(state))
            {
                // In the order a lookup would return them, by id: stored ones first, then new ones in
                // the order the chunk created them (their ids' order), not the order they came here.
                int at = here.FindIndex(s => IdOrder(s).CompareTo(IdOrder(state)) > 0);
                here.Insert(at < 0 ? here.Count : at, state);
            }
        }

        return states;
    }

    private static void AddOrderNumber(Dictionary<(string?, string?, long), List<VaccinationState>> byOrderNumber, VaccinationKey key, VaccinationState state)
    {
        var number = (key.Facility, key.FillerOrderId, key.PatientId);
        var list = byOrderNumber.TryGetValue(number, out var known) ? known : byOrderNumber[number] = [];
        if (!list.Contains(state))
        {
            list.Add(state);
        }
    }

    /// <summary>
    /// The vaccination an ORC-3 names by its number when none was found by its whole key: the one
    /// that holds it with the same authority, else the first (by id, as a lookup in a later file
    /// would find it) that holds it with no authority, or that holds it at all when this sending
    /// gives none (see <see cref="Resolve"/>).
    /// </summary>
    private static VaccinationState? SameOrderNumber(Dictionary<(string?, string?, long), List<VaccinationState>> byOrderNumber, VaccinationKey key)
    {
        if (!byOrderNumber.TryGetValue((key.Facility, key.FillerOrderId, key.PatientId), out var list))
        {
            return null;
        }

        VaccinationState? first = null;
        foreach (var state in list)
        {
            if (state.OrderAuthority == key.FillerAuthority)
            {
                return state;
            }

            if ((string.IsNullOrEmpty(state.OrderAuthority) || string.IsNullOrEmpty(key.FillerAuthority))
                && (first is null || IdOrder(state).CompareTo(IdOrder(first)) < 0))
            {
                first = state;
            }
        }

        return first;
    }

    private static (bool New, long Rank) IdOrder(VaccinationState s) => (s.StoredId is null, s.StoredId ?? s.Created);

    private static (long PatientId, string Cvx, DateOnly Day) EventOf(long patientId, Vaccination v) => (patientId, v.CvxCode, DateOnly.FromDateTime(v.AdministeredAt));

    /// <summary>Decides and encodes the chunk's vaccination writes into <paramref name="writes"/>, without the connection.</summary>
    /// <returns>Issues found here (a deletion that matches nothing), by message.</returns>
    public static Dictionary<StagedMessage, List<ValidationIssue>> Plan(
        ChunkWrites writes, long fileId, DateTimeOffset receivedAt, ValidationPolicy policy, VaccinationLookup lookup)
    {
        var issues = new Dictionary<StagedMessage, List<ValidationIssue>>();
        var (keyed, states, newIds) = lookup;
        if (keyed.Count == 0)
        {
            return issues;
        }

        var repeats = Repeats(keyed, states);
        HashSet<(StagedMessage, VaccinationState)>? unchanged = null;
        for (int i = 0; i < keyed.Count; i++)
        {
            var (message, patientId, v, _, hash) = keyed[i];
            var state = states[i];
            if (lookup.OtherVaccine is { } other && other.TryGetValue(i, out var held))
            {
                ReportOtherVaccine(issues, policy, message, v, held);
            }

            (int First, int Last, byte[] Digest)? repeat = null;
            if (repeats is not null && repeats.TryGetValue((message, state), out var sent))
            {
                // One record sent more than once in one message: the message's word on it is all
                // of them, judged unchanged (and skipped) as one, and applied in turn otherwise.
                repeat = sent;
                if (i == sent.First && ContentHash.Same(sent.Digest, state.Hash))
                {
                    (unchanged ??= []).Add((message, state));
                }

                if (unchanged?.Contains((message, state)) == true)
                {
                    continue;
                }
            }

            if (v.ActionCode == "D")
            {
                if (state.Known)
                {
                    // A second D of a deleted vaccination changes nothing: the first stays its last
                    // change, inside a chunk as across chunks and files.
                    if (!state.Deleted)
                    {
                        state.Deleted = true;
                        state.DeletedBy = (message.Id, v.Line);
                        state.Hash = null;
                    }

                    // Added and deleted by one message: the deleted record keeps that message's
                    // digest, so that sending the message again leaves it as it is.
                    if (repeat is { } last && i == last.Last)
                    {
                        state.Hash = last.Digest;
                    }
                }
                else if (policy.SeverityOf(Rules.DeleteOfUnknownVaccination) != Severity.Off)
                {
                    var location = new Hl7Location("RXA", v.RxaSequence, 21, Line: v.Line);
                    var issue = new ValidationIssue(Rules.DeleteOfUnknownVaccination, policy.SeverityOf(Rules.DeleteOfUnknownVaccination), location, v.Number, Rules.DeleteOfUnknownVaccination.Problem);
                    (issues.TryGetValue(message, out var list) ? list : issues[message] = []).Add(issue);
                }

                continue;
            }

            if (repeat is { } group)
            {
                hash = group.Digest;
            }
            else if (ContentHash.Same(hash, state.Hash))
            {
                continue;
            }

            state.Hash = hash;
            if (state.StoredId is null)
            {
                state.CreatedBy ??= (message.Id, v.Line);
            }

            state.Record = state.Record is null ? v : Merge(state.Record, state.Source!.Id, v);
            state.Source = message;
            state.PatientId = patientId;
            state.Deleted = false;
            state.DeletedBy = null;
        }

        var named = states.Distinct().ToList(); // each vaccination once, in the order first named
        var inserts = named.Where(s => s.StoredId is null && s.Record is not null).ToList();
        for (int i = 0; i < inserts.Count; i++)
        {
            inserts[i].NewId = newIds[i];
        }

        var updates = named.Where(s => s.StoredId is not null && s.Record is not null).ToList();
        Copy(writes, $"COPY registry.vaccination (id, {Columns}, created_file_id, content_hash, created_message_id, created_line) FROM STDIN (FORMAT BINARY)", inserts, fileId, receivedAt, forUpdate: false);
        if (updates.Count > 0)
        {
            writes.Execute(StageSql);
            Copy(writes, $"COPY stage_vaccination (id, {Columns}, created_file_id, content_hash, clears) FROM STDIN (FORMAT BINARY)", updates, fileId, receivedAt, forUpdate: true);
            // deleted_at comes from the chunk's last word: an add or update undeletes, a later D deletes again.
            var assignments = string.Join(", ", Columns.Split(", ").Append("content_hash").Select(Assignment));
            writes.Execute($"UPDATE registry.vaccination v SET {assignments} FROM stage_vaccination s WHERE v.id = s.id");
        }

        var deletions = named.Where(s => s.Record is null && s.Deleted && !s.StoredDeleted && s.StoredId is not null).ToList();
        if (deletions.Count > 0)
        {
            // The delete is the last change: the row names its message, like any other change.
            writes.Execute(
                """
                UPDATE registry.vaccination v
                SET deleted_at = @at, content_hash = d.hash, action_code = 'D', file_id = @fileId, message_id = d.message_id, line = d.line
                FROM unnest(@ids, @messages, @lines, @hashes) AS d(id, message_id, line, hash)
                WHERE v.id = d.id
                """,
                new
                {
                    at = receivedAt.UtcDateTime,
                    fileId,
                    ids = deletions.Select(s => s.StoredId!.Value).ToArray(),
                    messages = deletions.Select(s => s.DeletedBy!.Value.MessageId).ToArray(),
                    lines = deletions.Select(s => s.DeletedBy!.Value.Line).ToArray(),
                    hashes = deletions.Select(s => s.Hash).ToArray(),
                });
        }

        WriteObservations(writes, fileId, inserts);
        ReplaceObservations(writes, fileId, updates);
        return issues;
    }

    private static void ReportOtherVaccine(Dictionary<StagedMessage, List<ValidationIssue>> issues, ValidationPolicy policy, StagedMessage message, Vaccination v, (string Cvx, DateOnly Day) held)
    {
        if (OtherVaccineIssue(policy, v, held) is { } issue)
        {
            (issues.TryGetValue(message, out var list) ? list : issues[message] = []).Add(issue);
        }
    }

    private static ValidationIssue? OtherVaccineIssue(ValidationPolicy policy, Vaccination v, (string Cvx, DateOnly Day) held)
    {
        var rule = Rules.OrderNumberNamesOtherVaccine;
        if (policy.SeverityOf(rule) is var severity && severity == Severity.Off)
        {
            return null;
        }

        var text = string.Format(
            CultureInfo.InvariantCulture, rule.Problem, held.Cvx, held.Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), v.ActionCode == "D" ? "was deleted" : "now holds this message's vaccine");
        return new ValidationIssue(rule, severity, new Hl7Location("RXA", v.RxaSequence, 5, Line: v.Line), v.Number, text);
    }

    /// <summary>
    /// The records a message sends more than once (with at least one add or update among them),
    /// with the index of the first and last sending and one digest for all of them; null when there
    /// are none (nearly always).
    /// </summary>
    private static Dictionary<(StagedMessage, VaccinationState), (int First, int Last, byte[] Digest)>? Repeats(
        List<(StagedMessage Message, long PatientId, Vaccination Vaccination, VaccinationKey Key, byte[] Digest)> keyed, List<VaccinationState> states)
    {
        Dictionary<(StagedMessage, VaccinationState), (int First, int Last, byte[] Digest)>? repeats = null;
        for (int start = 0, end; start < keyed.Count; start = end)
        {
            // A message's entries are consecutive.
            var message = keyed[start].Message;
            for (end = start + 1; end < keyed.Count && keyed[end].Message == message; end++)
            {
            }

            if (end - start < 2)
            {
                continue;
            }

            // By the vaccination named: one sent once with its ORC-3 and once without is one too.
            foreach (var same in Enumerable.Range(start, end - start).GroupBy(i => states[i]))
            {
                var sendings = same.ToList();
                if (sendings.Count < 2 || sendings.TrueForAll(i => keyed[i].Vaccination.ActionCode == "D"))
                {
                    continue; // sent once, or deletions only (a second changes nothing anyway)
                }

                var digest = new ContentHash();
                foreach (int i in sendings)
                {
                    digest.WriteText(keyed[i].Vaccination.ActionCode);
                    digest.WriteText(Convert.ToBase64String(keyed[i].Digest));
                }

                (repeats ??= [])[(message, same.Key)] = (sendings[0], sendings[^1], digest.Finish());
            }
        }

        return repeats;
    }

    /// <summary>
    /// The observations of updated vaccinations: the stored ones of each code sent are replaced,
    /// the rest kept; new rows are numbered after the kept ones. VIS documents are replaced when
    /// any VIS code is sent.
    /// </summary>
    private static void ReplaceObservations(ChunkWrites writes, long fileId, List<VaccinationState> updates)
    {
        var sent = updates.Where(s => s.Record!.Observations.Count > 0 || DropsGivenObservations(s.Record)).ToList();
        if (sent.Count == 0)
        {
            return;
        }

        // Per vaccination, the codes it replaces as one "|a|b|" string. A code with a '|' in it
        // (sent escaped, \F\) is matched on its own.
        var replacedCodes = new Dictionary<long, SortedSet<string>>();
        var withVis = new HashSet<long>();
        var oddIds = new List<long>();
        var oddCodes = new List<string>();
        foreach (var state in sent)
        {
            long id = state.StoredId!.Value;
            if (!replacedCodes.TryGetValue(id, out var codes))
            {
                replacedCodes[id] = codes = new SortedSet<string>(StringComparer.Ordinal);
            }

            if (DropsGivenObservations(state.Record!))
            {
                codes.UnionWith(GivenOnly); // sent with the refusal, they are stored again below
            }

            foreach (var observation in state.Record!.Observations)
            {
                if (ObservationCodes.IsVis(observation.Code))
                {
                    withVis.Add(id);
                    codes.UnionWith(ObservationCodes.Vis);
                }
                else if (observation.Code.Contains('|', StringComparison.Ordinal))
                {
                    oddIds.Add(id);
                    oddCodes.Add(observation.Code);
                }
                else
                {
                    codes.Add(observation.Code);
                }
            }
        }

        // One pass over the stored rows of these vaccinations finds both the rows replaced
        // (deleted by their row address) and the rows kept, with the number each keeps: 1, 2, ...
        // in their order, new ones following. The rows are then the same whether two updates of a
        // vaccination came in one chunk or in two. Renumbering goes through negative numbers so no
        // number is taken twice on the way; nearly always nothing is kept, or nothing moves, and
        // then nothing is probed again (three probes of every vaccination's rows, deleted ones
        // included, took ~2 s of a 50,000-update file).
        writes.Execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS kept_observation (
                chunk integer, vaccination_id bigint, ordinal integer, rn integer,
                PRIMARY KEY (chunk, vaccination_id, ordinal)) ON COMMIT DROP;
            WITH stored AS (
                SELECT o.ctid AS row, o.vaccination_id, o.ordinal,
                       strpos(r.codes, '|' || o.code || '|') > 0
                       OR (o.vaccination_id, o.code) IN (SELECT * FROM unnest(@oddIds, @oddCodes)) AS replaced
                  FROM unnest(@ids, @codes) AS r(id, codes) JOIN registry.observation o ON o.vaccination_id = r.id),
            kept AS (
                INSERT INTO kept_observation
                SELECT @Number, vaccination_id, ordinal, row_number() OVER (PARTITION BY vaccination_id ORDER BY ordinal)
                  FROM stored WHERE NOT replaced)
            DELETE FROM registry.observation o USING stored s WHERE s.replaced AND o.ctid = s.row;
            DELETE FROM registry.vaccination_vis d USING unnest(@withVis) AS r(id) WHERE d.vaccination_id = r.id;
            UPDATE registry.observation o SET ordinal = -k.rn FROM kept_observation k
             WHERE k.chunk = @Number AND k.rn <> k.ordinal AND o.vaccination_id = k.vaccination_id AND o.ordinal = k.ordinal;
            UPDATE registry.observation o SET ordinal = k.rn FROM kept_observation k
             WHERE k.chunk = @Number AND k.rn <> k.ordinal AND o.vaccination_id = k.vaccination_id AND o.ordinal = -k.rn
            """,
            new
            {
                writes.Number,
                ids = replacedCodes.Keys.ToArray(),
                codes = replacedCodes.Values.Select(c => "|" + string.Concat(c.Select(code => code + "|"))).ToArray(),
                oddIds = oddIds.ToArray(),
                oddCodes = oddCodes.ToArray(),
                withVis = withVis.ToArray(),
            });
        writes.Execute(StageObservationsSql);
        CopyObservations(writes, fileId, sent, "stage_observation");
        writes.Execute(
            $"""
            INSERT INTO registry.observation ({ObservationColumns})
            SELECT s.vaccination_id,
                   s.ordinal + coalesce((SELECT max(k.rn) FROM kept_observation k WHERE k.chunk = @Number AND k.vaccination_id = s.vaccination_id), 0),
                   {string.Join(", ", ObservationColumns.Split(", ").Skip(2).Select(c => "s." + c))}
            FROM stage_observation s
            """,
            new { writes.Number });
        CopyVis(writes, fileId, sent.Where(s => withVis.Contains(s.StoredId!.Value)));
    }

    /// <summary>
    /// The observations only a dose given has: a dose sent as not given (refused, RE; not
    /// administered, NA) keeps none of them from before, as it keeps no eligibility or funding
    /// column (see the VXU reader): the registry must not say a refused dose was VFC-funded.
    /// </summary>
    private static readonly string[] GivenOnly = [ObservationCodes.VfcEligibility, ObservationCodes.FundingSource];

    private static bool NotGiven(Vaccination v) => v.CompletionStatus is "RE" or "NA";

    /// <summary>Whether the stored eligibility and funding observations go: see <see cref="Vaccination.DropsGivenObservations"/>.</summary>
    private static bool DropsGivenObservations(Vaccination v) => NotGiven(v) || v.DropsGivenObservations;

    /// <summary>Two sendings of one vaccination in one chunk fold like two files would: what the later left empty keeps the earlier value.</summary>
    private static Vaccination Merge(Vaccination earlier, long earlierMessage, Vaccination later) => later with
    {
        // A sending without ORC-3 keeps the one an earlier sending gave (see Resolve).
        FillerOrderId = later.FillerOrderId ?? earlier.FillerOrderId,
        FillerOrderAuthority = later.FillerOrderId is null || string.IsNullOrEmpty(later.FillerOrderAuthority) ? earlier.FillerOrderAuthority : later.FillerOrderAuthority,
        PlacerOrderId = later.PlacerOrderId ?? earlier.PlacerOrderId,
        Amount = later.Amount ?? (later.Clears.HasFlag(VaccinationClears.Amount) ? null : earlier.Amount),
        AmountUnits = later.AmountUnits ?? earlier.AmountUnits,
        InformationSource = later.InformationSource ?? earlier.InformationSource,
        LotNumber = later.LotNumber ?? earlier.LotNumber,
        ExpirationDate = later.ExpirationDate ?? (later.Clears.HasFlag(VaccinationClears.ExpirationDate) ? null : earlier.ExpirationDate),
        Clears = later.Clears
            | (earlier.Clears & ~((later.Amount is null ? VaccinationClears.None : VaccinationClears.Amount)
                | (later.ExpirationDate is null ? VaccinationClears.None : VaccinationClears.ExpirationDate))),
        MvxCode = later.MvxCode ?? earlier.MvxCode,
        AdministeringProvider = later.AdministeringProvider ?? earlier.AdministeringProvider,
        OrderingProvider = later.OrderingProvider ?? earlier.OrderingProvider,
        AdministeredAtFacility = later.AdministeredAtFacility ?? earlier.AdministeredAtFacility,
        RefusalReason = later.RefusalReason ?? earlier.RefusalReason,
        Route = later.Route ?? earlier.Route,
        Site = later.Site ?? earlier.Site,
        VfcEligibility = later.VfcEligibility ?? earlier.VfcEligibility,
        FundingSource = later.FundingSource ?? earlier.FundingSource,
        Observations = MergeObservations(earlier.Observations, earlierMessage, later.Observations, NotGiven(later)),
        DropsGivenObservations = DropsGivenObservations(earlier) || DropsGivenObservations(later),
        VisDocuments = SendsVis(later.Observations) ? later.VisDocuments : [.. earlier.VisDocuments.Select(d => d.MessageId == 0 ? d with { MessageId = earlierMessage } : d)],
    };

    /// <summary>
    /// As stored observations are replaced: the later's codes replace the earlier's, the earlier's
    /// other codes stay, first, naming the message that sent them; so the rows are the same as when
    /// the two are stored one after the other.
    /// </summary>
    private static IReadOnlyList<Observation> MergeObservations(IReadOnlyList<Observation> earlier, long earlierMessage, IReadOnlyList<Observation> later, bool laterNotGiven)
    {
        if (earlier.Count == 0)
        {
            return later;
        }

        bool laterVis = SendsVis(later);
        var kept = earlier
            .Where(e => ObservationCodes.IsVis(e.Code) ? !laterVis : !later.Any(l => l.Code == e.Code) && !(laterNotGiven && GivenOnly.Contains(e.Code)))
            .Select(e => e.MessageId == 0 ? e with { MessageId = earlierMessage } : e);
        return [.. kept, .. later];
    }

    private static bool SendsVis(IReadOnlyList<Observation> observations) => observations.Any(o => ObservationCodes.IsVis(o.Code));

    /// <summary>Columns a resent vaccination may leave empty: empty keeps the stored value, "" clears it.</summary>
    private static readonly HashSet<string> Optional =
    [
        "placer_order_id", "amount", "amount_units", "information_source", "lot_number", "expiration_date", "mvx_code",
        "administering_provider_id", "administering_provider", "ordering_provider_id", "administered_at_facility",
        "refusal_reason", "route", "site", "vfc_eligibility", "funding_source",
    ];

    private static string Assignment(string column) => column switch
    {
        // An update without ORC-3 keeps the stored one; one without its authority keeps the stored authority.
        "filler_order_id" => $"{column} = CASE WHEN s.filler_order_id IS NULL THEN v.{column} ELSE s.{column} END",
        "filler_order_authority" => $"{column} = CASE WHEN s.filler_order_id IS NULL OR s.{column} = '' AND s.filler_order_id = v.filler_order_id THEN v.{column} ELSE s.{column} END",
        _ => OrdinaryAssignment(column),
    };

    private static string OrdinaryAssignment(string column) => !Optional.Contains(column)
        ? $"{column} = s.{column}"
        : column is "amount" or "expiration_date"
            ? $"{column} = CASE WHEN s.clears & {(int)(column == "amount" ? VaccinationClears.Amount : VaccinationClears.ExpirationDate)} <> 0 THEN NULL ELSE COALESCE(s.{column}, v.{column}) END"
            : $"{column} = CASE WHEN s.{column} IS NULL THEN v.{column} ELSE NULLIF(s.{column}, '') END";

    /// <summary>
    /// The stored vaccinations of these ORC-3 keys: those with the same number and authority, or
    /// the same number where either side has no authority, each listed by its number in
    /// <paramref name="byOrderNumber"/>, where <see cref="Resolve"/> chooses among them (see
    /// SameOrderNumber); each row's one state is kept in <paramref name="rows"/>. Returns the keys
    /// that found any.
    /// </summary>
    private static HashSet<VaccinationKey> FindByOrder(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<VaccinationKey> keys, Dictionary<long, VaccinationState> rows,
        Dictionary<(string?, string?, long), List<VaccinationState>> byOrderNumber)
    {
        var found = new HashSet<VaccinationKey>();
        if (keys.Count == 0)
        {
            return found;
        }

        using var command = new NpgsqlCommand(
            """
            SELECT v.id, k.facility, k.filler, k.authority, v.deleted_at IS NOT NULL, v.content_hash, v.patient_id, v.cvx_code, v.administered_on, v.filler_order_authority
            FROM registry.vaccination v
            JOIN unnest(@facilities, @orders, @authorities, @patients) AS k(facility, filler, authority, patient_id)
              ON v.filler_order_id IS NOT NULL AND v.sending_facility = k.facility AND v.filler_order_id = k.filler
             AND (v.filler_order_authority = k.authority OR v.filler_order_authority = '' OR k.authority = '')
             AND v.patient_id = k.patient_id
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("facilities", keys.Select(k => k.Facility!).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("orders", keys.Select(k => k.FillerOrderId!).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("authorities", keys.Select(k => k.FillerAuthority!).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("patients", keys.Select(k => k.PatientId).ToArray()));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var state = Row(rows, reader.GetInt64(0), reader.GetBoolean(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5), hasOrder: true, (reader.GetInt64(6), reader.GetString(7), reader.GetFieldValue<DateOnly>(8)));
            state.OrderAuthority = reader.GetString(9);
            var key = VaccinationKey.ByOrderNumber(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(6));
            found.Add(key);
            AddOrderNumber(byOrderNumber, key, state);
        }

        return found;
    }

    /// <summary>
    /// The stored vaccinations of these patients, vaccines and dates, with ORC-3 or without, in the
    /// order they were stored; each row's one state is kept in <paramref name="rows"/>.
    /// </summary>
    private static Dictionary<(long, string, DateOnly), List<VaccinationState>> FindByEvent(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<(long PatientId, string Cvx, DateOnly Day)> events, Dictionary<long, VaccinationState> rows)
    {
        var found = new Dictionary<(long, string, DateOnly), List<VaccinationState>>();
        if (events.Count == 0)
        {
            return found;
        }

        using var command = new NpgsqlCommand(
            """
            SELECT v.id, v.patient_id, v.cvx_code, v.administered_on, v.deleted_at IS NOT NULL, v.content_hash, v.filler_order_id IS NOT NULL
            FROM registry.vaccination v
            JOIN unnest(@patients, @cvx, @dates) AS k(patient_id, cvx, day)
              ON v.patient_id = k.patient_id AND v.cvx_code = k.cvx AND v.administered_on = k.day
            ORDER BY v.id
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]>("patients", events.Select(e => e.PatientId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("cvx", events.Select(e => e.Cvx).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("dates", events.Select(e => e.Day).ToArray()));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var identity = (reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3));
            var state = Row(rows, reader.GetInt64(0), reader.GetBoolean(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5), reader.GetBoolean(6), identity);
            (found.TryGetValue(identity, out var list) ? list : found[identity] = []).Add(state);
        }

        return found;
    }

    /// <summary>The one state of a stored row, however many lookups find it.</summary>
    private static VaccinationState Row(Dictionary<long, VaccinationState> rows, long id, bool deleted, byte[]? hash, bool hasOrder, (long, string, DateOnly) identity)
    {
        if (!rows.TryGetValue(id, out var state))
        {
            rows[id] = state = new VaccinationState(id, deleted, hash) { HasOrder = hasOrder, Identity = identity };
        }

        return state;
    }

    /// <param name="forUpdate">Staged for an update: "" is kept (it clears the stored value); a new row stores null.</param>
    private static void Copy(ChunkWrites writes, string sql, List<VaccinationState> states, long fileId, DateTimeOffset receivedAt, bool forUpdate)
    {
        if (states.Count == 0)
        {
            return;
        }

        using var copy = BinaryCopyWriter.Begin(writes, sql);
        foreach (var s in states)
        {
            var v = s.Record!;
            copy.StartRow();
            copy.WriteLong(s.StoredId ?? s.NewId);
            var deletedBy = s.Deleted ? s.DeletedBy : null; // added or updated, then deleted in the chunk: the delete is its last change
            WriteContent(copy, v, s.PatientId, s.Source!.Result.Update!.Header.SendingFacility, forUpdate, deletedBy is null ? null : "D");
            copy.WriteInstant(s.Deleted ? receivedAt : null);
            copy.WriteLong(fileId);
            copy.WriteLong(deletedBy?.MessageId ?? s.Source.Id);
            copy.WriteInt(deletedBy?.Line ?? v.Line);
            copy.WriteInstant(receivedAt);
            copy.WriteLong(fileId);
            copy.WriteBytes(s.Hash);
            if (forUpdate)
            {
                copy.WriteInt((int)v.Clears);
            }
            else
            {
                copy.WriteLong(s.CreatedBy!.Value.MessageId);
                copy.WriteInt(s.CreatedBy.Value.Line);
            }
        }

        copy.Complete();
    }

    /// <summary>
    /// The vaccination's content columns, <c>patient_id</c> to <c>funding_source</c> of
    /// <see cref="Columns"/>, as copied and as hashed.
    /// </summary>
    /// <param name="forUpdate">Staged for an update: "" is kept (it clears the stored value); a new row stores null.</param>
    /// <param name="actionCode">Stored instead of the record's own RXA-21, for a record a later message deleted.</param>
    private static void WriteContent(IRowValues row, Vaccination v, long patientId, string facility, bool forUpdate, string? actionCode = null)
    {
        string? Text(string? value) => forUpdate || value is not { Length: 0 } ? value : null;

        row.WriteLong(patientId);
        row.WriteText(facility);
        row.WriteText(v.FillerOrderId);
        row.WriteText(v.FillerOrderAuthority ?? string.Empty);
        row.WriteText(Text(v.PlacerOrderId));
        row.WriteText(v.CvxCode);
        row.WriteDate(DateOnly.FromDateTime(v.AdministeredAt));
        row.WriteLocalTime(v.AdministeredAt);
        row.WriteDecimal(v.Amount);
        row.WriteText(Text(v.AmountUnits));
        row.WriteText(Text(v.InformationSource));
        row.WriteText(Text(v.LotNumber));
        row.WriteDate(v.ExpirationDate);
        row.WriteText(Text(v.MvxCode));
        // A provider is one value: sent, its id and name both replace the stored ones (what it
        // lacks is cleared, never left from another provider); not sent, both are kept.
        row.WriteText(Text(v.AdministeringProvider is { } given ? given.Id ?? string.Empty : null));
        row.WriteText(Text(v.AdministeringProvider is { } named ? Name(named) ?? string.Empty : null));
        row.WriteText(Text(v.OrderingProvider is { } ordering ? ordering.Id ?? string.Empty : null));
        row.WriteText(Text(v.AdministeredAtFacility));
        row.WriteText(Text(v.RefusalReason));
        row.WriteText(v.CompletionStatus);
        row.WriteText(actionCode ?? v.ActionCode);
        row.WriteText(Text(v.Route));
        row.WriteText(Text(v.Site));
        row.WriteText(Text(v.VfcEligibility));
        row.WriteText(Text(v.FundingSource));
    }

    /// <summary>An observation's content columns, <c>set_id</c> to <c>method</c>.</summary>
    private static void WriteContent(IRowValues row, Observation o)
    {
        row.WriteInt(o.SetId);
        row.WriteText(o.ValueType);
        row.WriteText(o.Code);
        row.WriteText(o.CodeText);
        row.WriteText(o.SubId);
        row.WriteText(o.Value);
        row.WriteText(o.ValueText);
        row.WriteText(o.ValueCodingSystem);
        row.WriteLocalTime(o.ObservedAt);
        row.WriteText(o.Method);
    }

    /// <summary>A VIS document's content columns, <c>sub_id</c> to <c>presented_on</c>.</summary>
    private static void WriteContent(IRowValues row, VisDocument d)
    {
        row.WriteText(d.SubId);
        row.WriteText(d.DocumentCode);
        row.WriteText(d.VaccineCvx);
        row.WriteDate(d.Published);
        row.WriteDate(d.Presented);
    }

    /// <summary>The digests of an update's vaccinations, in order.</summary>
    public static byte[][] Digests(ContentHash digest, VaccinationUpdate update)
    {
        var patient = PatientWriter.KeyOf(update);
        var digests = new byte[update.Vaccinations.Count][];
        for (int i = 0; i < digests.Length; i++)
        {
            digests[i] = Digest(digest, update.Vaccinations[i], patient);
        }

        return digests;
    }

    /// <summary>The digest of all one message says about a vaccination: what <see cref="Copy"/> and <see cref="WriteObservations"/> store of it.</summary>
    /// <remarks>
    /// The patient is named by its key, not its id, so the same content has the same digest in any
    /// database. Text is hashed as sent ("" kept): a new row stores "" as null, but only where ""
    /// and nothing mean the same for a new row.
    /// </remarks>
    private static byte[] Digest(ContentHash digest, Vaccination v, PatientKey patient)
    {
        digest.WriteText(patient.Facility);
        digest.WriteText(patient.Value);
        digest.WriteText(patient.Authority);
        WriteContent(digest, v, 0, patient.Facility, forUpdate: true);
        digest.WriteLong(v.Observations.Count);
        var observations = v.Observations;
        for (int at = 0; at < observations.Count; at++)
        {
            var o = observations[at];
            WriteContent(digest, o);
        }

        digest.WriteLong(v.VisDocuments.Count);
        var documents = v.VisDocuments;
        for (int at = 0; at < documents.Count; at++)
        {
            var d = documents[at];
            WriteContent(digest, d);
        }

        if (v.Clears != VaccinationClears.None)
        {
            // Last, and only when set, so the digests of content without one stay what they were.
            digest.WriteLong((long)v.Clears);
        }

        return digest.Finish();
    }

    private static void WriteObservations(ChunkWrites writes, long fileId, List<VaccinationState> states)
    {
        CopyObservations(writes, fileId, states, "registry.observation");
        CopyVis(writes, fileId, states);
    }

    /// <summary>The observations of <paramref name="states"/>, numbered from 1 per vaccination, into <paramref name="table"/>.</summary>
    private static void CopyObservations(ChunkWrites writes, long fileId, List<VaccinationState> states, string table)
    {
        using (var copy = BinaryCopyWriter.Begin(writes, $"COPY {table} ({ObservationColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in states)
            {
                int ordinal = 0;
                var observations = s.Record!.Observations;
                for (int at = 0; at < observations.Count; at++)
                {
                    var o = observations[at];
                    copy.StartRow();
                    copy.WriteLong(s.StoredId ?? s.NewId);
                    copy.WriteInt(++ordinal);
                    WriteContent(copy, o);
                    copy.WriteLong(fileId);
                    copy.WriteLong(o.MessageId != 0 ? o.MessageId : s.Source!.Id);
                    copy.WriteInt(o.Line);
                }
            }

            copy.Complete();
        }
    }

    private static void CopyVis(ChunkWrites writes, long fileId, IEnumerable<VaccinationState> states)
    {
        using var vis = BinaryCopyWriter.Begin(
            writes,
            "COPY registry.vaccination_vis (vaccination_id, ordinal, sub_id, document_code, vaccine_cvx, published_on, presented_on, file_id, message_id, line) FROM STDIN (FORMAT BINARY)");
        foreach (var s in states)
        {
            int ordinal = 0;
            var documents = s.Record!.VisDocuments;
            for (int at = 0; at < documents.Count; at++)
            {
                var d = documents[at];
                vis.StartRow();
                vis.WriteLong(s.StoredId ?? s.NewId);
                vis.WriteInt(++ordinal);
                WriteContent(vis, d);
                vis.WriteLong(fileId);
                vis.WriteLong(d.MessageId != 0 ? d.MessageId : s.Source!.Id);
                vis.WriteInt(d.Line);
            }
        }

        vis.Complete();
    }

    private static string? Name(Practitioner? p) => p switch
    {
        null or { Family: null, Given: null } => null,
        { Family: null } => p.Given,
        { Given: null } => p.Family,
        _ => p.Family + ", " + p.Given,
    };

    /// <summary>
    /// For a test or debug message, which stores nothing: the W 204 a production message with the
    /// same deletes would get, for each that names no stored vaccination. Judged against what the
    /// registry holds (what earlier chunks of this file stored included), by the rules of
    /// <see cref="Resolve"/>: ORC-3 names the vaccination stored with it, else the one of the same
    /// patient, vaccine and date stored without one; without ORC-3, any of that patient, vaccine
    /// and date. A deleted one is named too (deleting it again changes nothing, as for P).
    /// </summary>
    public static List<ValidationIssue> UnknownDeletes(NpgsqlConnection connection, NpgsqlTransaction transaction, ValidationPolicy policy, VaccinationUpdate update)
    {
        var issues = new List<ValidationIssue>();
        var severity = policy.SeverityOf(Rules.DeleteOfUnknownVaccination);
        if (severity == Severity.Off)
        {
            return issues;
        }

        var key = PatientWriter.KeyOf(update);
        long? patientId = null;
        bool patientLooked = false;
        foreach (var v in update.Vaccinations.Where(v => v.ActionCode == "D"))
        {
            if (!patientLooked)
            {
                patientLooked = true;
                patientId = connection.ExecuteScalar<long?>(
                    "SELECT id FROM registry.patient WHERE sending_facility = @Facility AND id_value = @Value AND id_authority = @Authority",
                    new { key.Facility, key.Value, key.Authority },
                    transaction);
            }

            bool named = patientId is { } patient && connection.ExecuteScalar<bool>(
                """
                SELECT EXISTS (
                    SELECT 1 FROM registry.vaccination
                    WHERE @Filler IS NOT NULL AND sending_facility = @Facility AND filler_order_id = @Filler AND patient_id = @Patient
                      AND (filler_order_authority = @Authority OR filler_order_authority = '' OR @Authority = ''))
                OR EXISTS (
                    SELECT 1 FROM registry.vaccination
                    WHERE patient_id = @Patient AND cvx_code = @Cvx AND administered_on = @On::date AND (@Filler IS NULL OR filler_order_id IS NULL))
                """,
                new { Filler = v.FillerOrderId, key.Facility, Authority = v.FillerOrderAuthority ?? string.Empty, Patient = patient, Cvx = v.CvxCode, On = v.AdministeredAt.Date },
                transaction);
            if (!named)
            {
                issues.Add(new ValidationIssue(Rules.DeleteOfUnknownVaccination, severity, new Hl7Location("RXA", v.RxaSequence, 21, Line: v.Line), v.Number, Rules.DeleteOfUnknownVaccination.Problem));
            }
        }

        return issues;
    }

    /// <summary>
    /// For a test or debug message, which stores nothing: the W 205 a production message would get
    /// for each vaccination whose ORC-3 names one the registry holds for another vaccine (an EHR
    /// that sends a visit number there is told while it is still in test mode). Matched as
    /// <see cref="FindByOrder"/> matches: the same number and patient, the same authority first.
    /// </summary>
    public static List<ValidationIssue> OtherVaccines(NpgsqlConnection connection, NpgsqlTransaction transaction, ValidationPolicy policy, VaccinationUpdate update)
    {
        var issues = new List<ValidationIssue>();
        if (policy.SeverityOf(Rules.OrderNumberNamesOtherVaccine) == Severity.Off)
        {
            return issues;
        }

        var key = PatientWriter.KeyOf(update);
        foreach (var v in update.Vaccinations.Where(v => v.FillerOrderId is not null))
        {
            var held = connection.QueryFirstOrDefault<(string? Cvx, DateTime Day)>(
                """
                SELECT v.cvx_code, v.administered_on
                FROM registry.vaccination v
                JOIN registry.patient p ON p.id = v.patient_id
                WHERE p.sending_facility = @Facility AND p.id_value = @Value AND p.id_authority = @PatientAuthority
                  AND v.sending_facility = @Facility AND v.filler_order_id = @Filler
                  AND (v.filler_order_authority = @Authority OR v.filler_order_authority = '' OR @Authority = '')
                ORDER BY v.filler_order_authority = @Authority DESC, v.id
                LIMIT 1
                """,
                new { key.Facility, key.Value, PatientAuthority = key.Authority, Filler = v.FillerOrderId, Authority = v.FillerOrderAuthority ?? string.Empty },
                transaction);
            if (held.Cvx is { } cvx && cvx != v.CvxCode && OtherVaccineIssue(policy, v, (cvx, DateOnly.FromDateTime(held.Day))) is { } issue)
            {
                issues.Add(issue);
            }
        }

        return issues;
    }
}
