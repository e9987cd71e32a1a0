namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>Everything one planning run works on: slots, roster, availability, credit and the assignments made so far.</summary>
internal sealed class PlanningContext
{
    public PlanningContext(RotationDefinition rotation, ShiftSlot[] slots, RotationMember[] members, AvailabilityIndex availability, FairnessLedger ledger, bool[] isPro)
    {
        Rotation = rotation;
        Slots = slots;
        Members = members;
        Availability = availability;
        Ledger = ledger;
        Pool = Enumerable.Range(0, members.Length).Where(i => !isPro[i]).ToArray();
        Pros = Enumerable.Range(0, members.Length).Where(i => isPro[i]).ToArray();
        Assignees = new List<int>[slots.Length];
        for (var i = 0; i < slots.Length; i++)
            Assignees[i] = [];
    }

    public RotationDefinition Rotation { get; }
    public ShiftSlot[] Slots { get; }
    public RotationMember[] Members { get; }
    public AvailabilityIndex Availability { get; }
    public FairnessLedger Ledger { get; }
    public int[] Pool { get; }
    public int[] Pros { get; }
    public List<int>[] Assignees { get; }
    public List<UnplacedMember> Unplaced { get; } = [];
}
