
¯¼ÈØÊûÏ§rec/images/create"J
)containerd.services.images.v1.ImageCreate
docker.io/library/bb:latest