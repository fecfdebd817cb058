
Øº»ÿ∑ÖÇŒrec/images/create"F
)containerd.services.images.v1.ImageCreate
docker.io/library/bbx:1