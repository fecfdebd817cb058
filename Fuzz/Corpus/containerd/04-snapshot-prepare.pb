
Øº»ÿ·ÛÉ≤rec/snapshot/prepare"Ö
!containerd.events.SnapshotPrepare`
^extract-357831393-_myA sha256:a4cfec562ce6e488da9623a6e16d736a0c3c2eedc71f74826f10aae44856b075