
¯¼ÈØ”ÀÍrec/images/delete"J
)containerd.services.images.v1.ImageDelete
docker.io/library/bb:latest