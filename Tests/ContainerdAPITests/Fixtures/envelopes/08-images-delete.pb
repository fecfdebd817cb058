
Øº»ÿ∞¢‚Êrec/images/delete"F
)containerd.services.images.v1.ImageDelete
docker.io/library/bbx:1