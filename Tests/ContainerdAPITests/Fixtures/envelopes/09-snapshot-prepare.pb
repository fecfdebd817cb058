
¯¼ÈØ É¾úrec/snapshot/prepare"r
!containerd.events.SnapshotPrepareM
c1Gsha256:a4cfec562ce6e488da9623a6e16d736a0c3c2eedc71f74826f10aae44856b075