
Øº»ÿ∏•∂∫rec/snapshot/commit"Œ
 containerd.events.SnapshotCommit©
^extract-357831393-_myA sha256:a4cfec562ce6e488da9623a6e16d736a0c3c2eedc71f74826f10aae44856b075Gsha256:a4cfec562ce6e488da9623a6e16d736a0c3c2eedc71f74826f10aae44856b075